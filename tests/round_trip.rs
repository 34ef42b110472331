//! export(import(x)) == x for every leaf member of the request, one at a time and all at once,
//! and the same through the text the preview shows.

use serde_json::{json, Map, Value};
use tjs::core::catalogue::{self, Kind, ShapeId};
use tjs::core::draft::Draft;
use tjs::core::json::pretty;
use tjs::core::path::FormPath;

/// A sample value for a leaf shape: valid-looking where it is cheap, since the round trip must
/// hold for any value.
fn sample(id: ShapeId) -> Value {
    let shape = catalogue::shape(id);
    match shape.kind {
        Kind::String => json!(shape.enum_values.last().copied().unwrap_or("sample-value")),
        Kind::Integer | Kind::Long => json!(shape.min.unwrap_or(0).max(7)),
        Kind::Boolean => json!(false),
        Kind::Map(..) => json!({ "first": "1", "second": "two" }),
        Kind::List(item) => json!([sample(item), sample(item)]),
        Kind::Structure(_) => unreachable!("structures are not leaves"),
    }
}

fn is_leaf(id: ShapeId) -> bool {
    match catalogue::shape(id).kind {
        Kind::Structure(_) => false,
        Kind::List(item) => !matches!(catalogue::shape(item).kind, Kind::Structure(_)),
        _ => true,
    }
}

/// Every leaf as (path, request holding just that leaf).
fn leaves(id: ShapeId, path: &str, out: &mut Vec<(String, Value)>, wrap: &dyn Fn(Value) -> Value) {
    for member in catalogue::shape(id).members() {
        let member_path = if path.is_empty() { member.name.to_string() } else { format!("{path}.{}", member.name) };
        let name = member.name;
        let wrap_member = |v: Value| wrap(Value::Object(Map::from_iter([(name.to_string(), v)])));
        if is_leaf(member.shape) {
            out.push((member_path, wrap_member(sample(member.shape))));
            continue;
        }
        match catalogue::shape(member.shape).kind {
            Kind::List(item) => leaves(item, &format!("{member_path}[0]"), out, &|v| wrap_member(json!([v]))),
            _ => leaves(member.shape, &member_path, out, &wrap_member),
        }
    }
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (x, y) in a.iter_mut().zip(b) {
                merge(x, y);
            }
        }
        (into, from) => *into = from,
    }
}

fn all_leaves() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    leaves(catalogue::ROOT, "", &mut out, &|v| v);
    out
}

#[test]
fn every_leaf_member_survives_import_and_export() {
    let leaves = all_leaves();
    assert_eq!(leaves.len(), 110);
    for (path, request) in &leaves {
        let draft = Draft::import(&request.to_string()).unwrap();
        assert_eq!(&draft.body(), request, "{path}");
    }
}

#[test]
fn a_request_with_every_leaf_survives_and_keeps_the_model_order() {
    let mut everything = json!({});
    for (_, request) in all_leaves() {
        merge(&mut everything, request);
    }
    let draft = Draft::import(&pretty(&everything)).unwrap();
    let exported = draft.body();
    assert_eq!(exported, everything);
    // Same text too: the members come out in the model's order, which is how we built it.
    assert_eq!(pretty(&exported), pretty(&everything));
    // And once more through the exported text.
    assert_eq!(Draft::import(&pretty(&exported)).unwrap().body(), everything);
}

#[test]
fn leaf_values_can_be_edited_through_their_form_paths() {
    for (path, request) in all_leaves() {
        let scalar = matches!(
            catalogue::shape_at(&tjs::core::path::member_names(&path)).unwrap().kind,
            Kind::String | Kind::Integer | Kind::Long | Kind::Boolean
        );
        if !scalar {
            continue;
        }
        let mut draft = Draft::import(&request.to_string()).unwrap();
        let form_path = FormPath::parse(&path);
        let text = draft.text(&form_path);
        assert!(!text.is_empty(), "{path} shows its imported value");
        draft.set_text(&form_path, text.clone());
        assert_eq!(draft.body(), request, "{path}: typing the same text back changes nothing");
    }
}

/// The request with every leaf, and the form control each leaf should have, as files the
/// browser suite imports. `TJS_BLESS=1 cargo test --test round_trip` rewrites them after a
/// catalogue change; otherwise this test fails if they are stale.
#[test]
fn browser_fixtures_are_up_to_date() {
    let mut everything = json!({});
    let mut controls = Vec::new();
    for (path, request) in all_leaves() {
        merge(&mut everything, request);
        let shape = catalogue::shape_at(&tjs::core::path::member_names(&path)).unwrap();
        controls.push(match shape.kind {
            Kind::Map(..) => format!("{path}[0].key"),
            Kind::List(_) => format!("{path}[0]"),
            _ => path,
        });
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (name, value) in [("every-leaf.json", everything), ("every-leaf-controls.json", json!(controls))] {
        let text = pretty(&value) + "\n";
        let file = dir.join(name);
        if std::env::var_os("TJS_BLESS").is_some() {
            std::fs::write(&file, &text).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&file).unwrap_or_default(),
            text,
            "{name} is stale: run TJS_BLESS=1 cargo test --test round_trip"
        );
    }
}
