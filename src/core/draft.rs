//! The request as the user is editing it: text exactly as typed for each form field, rows for the
//! hyperparameters, and every imported member the form does not show yet, kept untouched so that
//! an import never loses anything.
//!
//! [`Draft::body`] turns it into the exact request body (SPEC S4): unset members omitted, members
//! in the model's order, numbers that do not parse kept as text so that validation flags them.

use serde_json::{Map, Value};

use super::catalogue::{self, Kind, ShapeId};
use super::json::{self, JsonError};

/// The members the form edits, by problem path (SPEC S3). The catalogue gives each one its
/// type, limits and widget.
pub const FORM_FIELDS: &[&str] = &[
    "TrainingJobName",
    "RoleArn",
    "AlgorithmSpecification.TrainingImage",
    "AlgorithmSpecification.TrainingInputMode",
    "InputDataConfig[0].ChannelName",
    "InputDataConfig[0].DataSource.S3DataSource.S3DataType",
    "InputDataConfig[0].DataSource.S3DataSource.S3Uri",
    "OutputDataConfig.S3OutputPath",
    "ResourceConfig.InstanceType",
    "ResourceConfig.InstanceCount",
    "ResourceConfig.VolumeSizeInGB",
    "StoppingCondition.MaxRuntimeInSeconds",
];

/// The string map edited as rows.
pub const HYPERPARAMETERS: &str = "HyperParameters";

#[derive(Debug, Clone, PartialEq)]
pub struct MapRow {
    /// Stable row id for keyed lists: focus stays put while typing.
    pub id: u64,
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// Text of each of [`FORM_FIELDS`], same order; empty means unset.
    pub fields: Vec<String>,
    pub hyperparameters: Vec<MapRow>,
    /// Imported members that the form does not edit, kept as they came.
    pub rest: Map<String, Value>,
    next_row_id: u64,
}

impl Draft {
    pub fn new() -> Self {
        Draft {
            fields: vec![String::new(); FORM_FIELDS.len()],
            ..Default::default()
        }
    }

    pub fn field(&self, path: &str) -> &str {
        FORM_FIELDS
            .iter()
            .position(|p| *p == path)
            .map_or("", |i| &self.fields[i])
    }

    pub fn set_field(&mut self, path: &str, text: String) {
        if let Some(i) = FORM_FIELDS.iter().position(|p| *p == path) {
            self.fields[i] = text;
        }
    }

    pub fn add_row(&mut self) -> u64 {
        self.next_row_id += 1;
        self.hyperparameters.push(MapRow {
            id: self.next_row_id,
            key: String::new(),
            value: String::new(),
        });
        self.next_row_id
    }

    /// The exact request body that would be sent.
    pub fn body(&self) -> Value {
        let mut body = Value::Object(self.rest.clone());
        for (path, text) in FORM_FIELDS.iter().zip(&self.fields) {
            if !text.is_empty() {
                let shape = catalogue::shape_at(&member_names(path))
                    .expect("form fields are in the catalogue");
                set_at(&mut body, path, typed_value(text, &shape.kind));
            }
        }
        let entries: Map<String, Value> = self
            .rows_in_body()
            .map(|row| (row.key.clone(), Value::String(row.value.clone())))
            .collect();
        if !entries.is_empty() {
            body[HYPERPARAMETERS] = Value::Object(entries);
        }
        fill_required_text(&mut body);
        json::in_model_order(&body, catalogue::ROOT)
    }

    /// The rows that make it into the body: a row with neither key nor value is unset.
    fn rows_in_body(&self) -> impl Iterator<Item = &MapRow> {
        self.hyperparameters
            .iter()
            .filter(|r| !(r.key.is_empty() && r.value.is_empty()))
    }

    /// Maps a problem path on the body to the form's path: hyperparameter entries are numbered by
    /// their position in the body, the form numbers its rows, including blank ones.
    pub fn form_path(&self, body_path: &str) -> String {
        let Some(rest) = body_path.strip_prefix("HyperParameters[") else {
            return body_path.to_string();
        };
        let Some((index, tail)) = rest.split_once(']') else {
            return body_path.to_string();
        };
        let Ok(index) = index.parse::<usize>() else {
            return body_path.to_string();
        };
        let row = self
            .hyperparameters
            .iter()
            .enumerate()
            .filter(|(_, r)| !(r.key.is_empty() && r.value.is_empty()))
            .nth(index)
            .map_or(index, |(i, _)| i);
        format!("HyperParameters[{row}]{tail}")
    }

    /// A draft from request JSON. Fails, without touching any draft, on text that is not a
    /// JSON object.
    pub fn import(text: &str) -> Result<Draft, JsonError> {
        let value = json::parse(text)?;
        let Value::Object(mut rest) = value else {
            return Err(JsonError {
                message: "The request must be a JSON object ({ ... }).".into(),
                line: 1,
                column: 1,
            });
        };
        let mut draft = Draft::new();
        let mut root = Value::Object(std::mem::take(&mut rest));
        for (i, path) in FORM_FIELDS.iter().enumerate() {
            // Only scalars become form text; anything else stays in `rest` for validation to flag.
            if let Some(text) = get_at(&root, path).and_then(scalar_text) {
                draft.fields[i] = text;
                remove_at(&mut root, path);
            }
        }
        if let Some(Value::Object(entries)) = root.get(HYPERPARAMETERS) {
            if entries.values().all(Value::is_string) {
                for (key, value) in entries {
                    let id = draft.add_row();
                    let row = draft
                        .hyperparameters
                        .iter_mut()
                        .find(|r| r.id == id)
                        .unwrap();
                    row.key = key.clone();
                    row.value = value.as_str().unwrap_or_default().to_string();
                }
                root.as_object_mut().unwrap().remove(HYPERPARAMETERS);
            }
        }
        prune_empty(&mut root);
        draft.rest = match root {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        Ok(draft)
    }
}

/// `"InputDataConfig[0].ChannelName"` -> `["InputDataConfig", "ChannelName"]`.
pub fn member_names(path: &str) -> Vec<&str> {
    path.split('.')
        .map(|step| step.split('[').next().unwrap_or(step))
        .collect()
}

/// Steps of a path: member name and optional list index.
fn steps(path: &str) -> impl Iterator<Item = (&str, Option<usize>)> {
    path.split('.').map(|step| match step.split_once('[') {
        Some((name, index)) => (name, index.trim_end_matches(']').parse().ok()),
        None => (step, None),
    })
}

fn typed_value(text: &str, kind: &Kind) -> Value {
    match kind {
        Kind::Integer | Kind::Long => text
            .trim()
            .parse::<i64>()
            .map_or_else(|_| Value::String(text.into()), Value::from),
        Kind::Boolean => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.into()),
        },
        _ => Value::String(text.into()),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn get_at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = root;
    for (name, index) in steps(path) {
        node = node.get(name)?;
        if let Some(i) = index {
            node = node.get(i)?;
        }
    }
    Some(node)
}

fn remove_at(root: &mut Value, path: &str) {
    let all: Vec<_> = steps(path).collect();
    let (last, parents) = all.split_last().expect("paths are not empty");
    let mut node = root;
    for (name, index) in parents {
        let Some(next) = node.get_mut(*name) else {
            return;
        };
        node = next;
        if let Some(i) = index {
            let Some(next) = node.get_mut(*i) else { return };
            node = next;
        }
    }
    if let Some(object) = node.as_object_mut() {
        object.remove(last.0);
    }
}

/// Sets `path` to `value`, creating objects and list items on the way. A step that holds
/// something other than an object (an imported value of the wrong type) is replaced.
fn set_at(root: &mut Value, path: &str, value: Value) {
    let all: Vec<_> = steps(path).collect();
    let mut node = root;
    for (n, (name, index)) in all.iter().enumerate() {
        let last = n + 1 == all.len();
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
        let slot = node
            .as_object_mut()
            .unwrap()
            .entry(name.to_string())
            .or_insert(Value::Null);
        node = match index {
            Some(i) => {
                if !slot.is_array() {
                    *slot = Value::Array(Vec::new());
                }
                let items = slot.as_array_mut().unwrap();
                while items.len() <= *i {
                    items.push(Value::Object(Map::new()));
                }
                &mut items[*i]
            }
            None => slot,
        };
        if last {
            *node = value;
            return;
        }
    }
}

/// A required text member inside a structure that is present is sent as `""` rather than
/// omitted (SPEC S4), so the service and our validation both see it.
fn fill_required_text(body: &mut Value) {
    fn walk(value: &mut Value, id: ShapeId) {
        let shape = catalogue::shape(id);
        match (&shape.kind, value) {
            (Kind::Structure(members), Value::Object(object)) => {
                for member in members.iter() {
                    match object.get_mut(member.name) {
                        Some(child) => walk(child, member.shape),
                        None if member.required
                            && matches!(catalogue::shape(member.shape).kind, Kind::String) =>
                        {
                            // Only for structures that the form created from typed text.
                            if !object.is_empty() {
                                object
                                    .insert(member.name.to_string(), Value::String(String::new()));
                            }
                        }
                        None => {}
                    }
                }
            }
            (Kind::List(item), Value::Array(items)) => {
                items.iter_mut().for_each(|v| walk(v, *item))
            }
            _ => {}
        }
    }
    // The top level is not "a structure that is present": its required members stay unset.
    if let Value::Object(object) = body {
        let root = catalogue::shape(catalogue::ROOT);
        for member in root.members() {
            if let Some(child) = object.get_mut(member.name) {
                walk(child, member.shape);
            }
        }
    }
}

/// Drops objects and lists left empty after form members were taken out of them.
fn prune_empty(value: &mut Value) {
    if let Value::Object(object) = value {
        for child in object.values_mut() {
            prune_empty(child);
        }
        object.retain(|_, v| {
            !matches!(v, Value::Object(o) if o.is_empty())
                && !matches!(v, Value::Array(a) if a.is_empty())
        });
    } else if let Value::Array(items) = value {
        items.iter_mut().for_each(prune_empty);
    }
}
