//! JSON values as block-style YAML, readable by YAML 1.1 (PyYAML, Kubernetes' own reader) and 1.2
//! alike: every string is double-quoted ([`double_quoted`]), so no value is read as a number, a
//! boolean, a date or `null` by accident.

use serde_json::Value;

use super::quote::double_quoted;

/// A mapping key: plain when it is a simple name, quoted otherwise.
fn key(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !matches!(
            name.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        name.to_string()
    } else {
        double_quoted(name)
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(double_quoted(s)),
        Value::Array(items) if items.is_empty() => Some("[]".into()),
        Value::Object(members) if members.is_empty() => Some("{}".into()),
        _ => None,
    }
}

/// Writes the members of `object` at `indent` spaces, one per line.
pub fn write_mapping(object: &serde_json::Map<String, Value>, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for (name, value) in object {
        match scalar(value) {
            Some(text) => out.push_str(&format!("{pad}{}: {text}\n", key(name))),
            None => {
                out.push_str(&format!("{pad}{}:\n", key(name)));
                write_block(value, indent + 2, out);
            }
        }
    }
}

/// Writes a list or an object (not empty) as a block at `indent` spaces.
fn write_block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(object) => write_mapping(object, indent, out),
        Value::Array(items) => {
            for item in items {
                match (scalar(item), item) {
                    (Some(text), _) => out.push_str(&format!("{pad}- {text}\n")),
                    (None, Value::Object(members)) => {
                        // The first member shares the dash's line; the others line up with it.
                        let mut inner = String::new();
                        write_mapping(members, indent + 2, &mut inner);
                        out.push_str(&format!("{pad}- {}", &inner[indent + 2..]));
                    }
                    (None, nested) => {
                        out.push_str(&format!("{pad}-\n"));
                        write_block(nested, indent + 2, out);
                    }
                }
            }
        }
        _ => out.push_str(&format!("{pad}{}\n", scalar(value).unwrap_or_default())),
    }
}
