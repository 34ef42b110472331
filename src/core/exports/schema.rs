//! `tjs schema`: a JSON Schema (draft 2020-12) of the request, for editors that complete and
//! check JSON files. Everything in it comes from the catalogue (types, required members, enums,
//! lengths, ranges, item counts) and from our help text (descriptions), so it says what the
//! form checks and nothing else.

use serde_json::{json, Map, Value};

use crate::core::catalogue::{self, Kind, ShapeId};
use crate::core::help;

/// The schema of the whole request.
pub fn request_schema() -> Value {
    let mut schema = shape_schema(catalogue::ROOT, "");
    if let Value::Object(root) = &mut schema {
        let mut head = Map::new();
        head.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        head.insert("title".into(), json!("SageMaker CreateTrainingJob request"));
        head.insert(
            "description".into(),
            json!(format!(
                "The request body of CreateTrainingJob, from the SageMaker service model in botocore {}. \
                 Written by Training Job Studio (tjs schema).",
                catalogue::BOTOCORE_VERSION
            )),
        );
        head.append(root);
        *root = head;
    }
    schema
}

/// The schema of `id`'s values at `path` (dotted, without list positions: the help file's key).
fn shape_schema(id: ShapeId, path: &str) -> Value {
    let shape = catalogue::shape(id);
    let mut out = Map::new();
    let description = help::help(path);
    if !description.is_empty() {
        out.insert("description".into(), json!(description));
    }
    let (min_key, max_key) = match shape.kind {
        Kind::String => ("minLength", "maxLength"),
        Kind::Integer | Kind::Long => ("minimum", "maximum"),
        Kind::List(_) => ("minItems", "maxItems"),
        Kind::Map(..) => ("minProperties", "maxProperties"),
        Kind::Boolean | Kind::Structure(_) => ("", ""),
    };
    if !min_key.is_empty() {
        // A lower bound of 0 says nothing for lengths and counts; for numbers it does.
        if let Some(min) = shape.min.filter(|m| *m > 0 || min_key == "minimum") {
            out.insert(min_key.into(), json!(min));
        }
        if let Some(max) = shape.max {
            out.insert(max_key.into(), json!(max));
        }
    }
    match shape.kind {
        Kind::String => {
            out.insert("type".into(), json!("string"));
            if !shape.enum_values.is_empty() {
                out.insert("enum".into(), json!(shape.enum_values));
            } else if let Some(pattern) = shape.pattern.and_then(ecma_pattern) {
                out.insert("pattern".into(), json!(pattern));
            }
        }
        Kind::Integer | Kind::Long => {
            out.insert("type".into(), json!("integer"));
        }
        Kind::Boolean => {
            out.insert("type".into(), json!("boolean"));
        }
        Kind::Structure(members) => {
            out.insert("type".into(), json!("object"));
            let properties: Map<String, Value> = members
                .iter()
                .map(|m| (m.name.to_string(), shape_schema(m.shape, &crate::core::path::child(path, m.name))))
                .collect();
            out.insert("properties".into(), Value::Object(properties));
            let required: Vec<&str> = members.iter().filter(|m| m.required).map(|m| m.name).collect();
            if !required.is_empty() {
                out.insert("required".into(), json!(required));
            }
            out.insert("additionalProperties".into(), json!(false));
        }
        Kind::List(item) => {
            out.insert("type".into(), json!("array"));
            out.insert("items".into(), shape_schema(item, path));
        }
        Kind::Map(key, value) => {
            out.insert("type".into(), json!("object"));
            let mut names = shape_schema(key, "");
            if let Value::Object(names) = &mut names {
                names.remove("type");
            }
            if names.as_object().is_some_and(|n| !n.is_empty()) {
                out.insert("propertyNames".into(), names);
            }
            out.insert("additionalProperties".into(), shape_schema(value, ""));
        }
    }
    Value::Object(out)
}

/// The model's Java pattern as a JSON Schema pattern (ECMA-262, unanchored, so it is anchored
/// here), when the two dialects read it alike; `None` otherwise, since a pattern that refuses a
/// value the service takes is worse than none. Left out: Unicode classes (`\p{..}`), lookbehind,
/// and `\S` outside `[\S\s]` (ECMA's `\s` also takes Unicode spaces that Java's does not, so its
/// `\S` refuses them). A pattern that allows anything is left out as saying nothing.
pub fn ecma_pattern(java: &str) -> Option<String> {
    if matches!(java, ".*" | "[\\S\\s]*") {
        return None;
    }
    let without_any = java.replace("[\\S\\s]", "");
    let unsupported = ["\\p", "\\P", "(?<", "\\S", "\\A", "\\z", "\\Z", "\\Q", "&&", "*+", "++", "?+", "}+"];
    if unsupported.iter().any(|u| without_any.contains(u)) {
        return None;
    }
    Some(format!("^(?:{java})$"))
}
