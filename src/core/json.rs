//! JSON in and out: parsing with positions for messages, and the model's member order.

use serde_json::{Map, Value};

use super::catalogue::{self, Kind, ShapeId};

/// Why a text is not usable JSON, with a 1-based position for the message.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Parses JSON text. serde_json stops at 128 levels of nesting, so hostile input cannot
/// exhaust the stack.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line L column C"; we report the position separately.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        JsonError {
            message: format!("Not valid JSON: {message}."),
            line: e.line().max(1),
            column: e.column().max(1),
        }
    })
}

/// The body text as the preview shows it and as it is sent.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// A copy of `value` with members in the model's order, unknown members last (in their own
/// order), and empty objects and lists dropped, since an unset member is omitted (SPEC S4).
pub fn in_model_order(value: &Value, id: ShapeId) -> Value {
    let shape = catalogue::shape(id);
    match (&shape.kind, value) {
        (Kind::Structure(members), Value::Object(object)) => {
            let mut out = Map::new();
            for member in members.iter() {
                if let Some(v) = object.get(member.name) {
                    push_unless_empty(&mut out, member.name, in_model_order(v, member.shape));
                }
            }
            for (k, v) in object.iter().filter(|(k, _)| shape.member(k).is_none()) {
                out.insert(k.clone(), v.clone());
            }
            Value::Object(out)
        }
        (Kind::List(item), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|v| in_model_order(v, *item))
                .filter(|v| !matches!(v, Value::Object(o) if o.is_empty()))
                .collect(),
        ),
        _ => value.clone(),
    }
}

fn push_unless_empty(out: &mut Map<String, Value>, name: &str, value: Value) {
    let empty = match &value {
        Value::Object(o) => o.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if !empty {
        out.insert(name.to_string(), value);
    }
}
