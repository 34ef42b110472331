//! JSON values as Python source, for the exports that are Python (boto3, the SageMaker Python
//! SDK, Airflow).

use serde_json::Value;

use super::quote::double_quoted;

/// `value` as a Python literal, indented as the `indent`-th level: objects become dicts, `true`
/// becomes `True`, `null` becomes `None`. `string` writes each string (the quoting context of the
/// tool that reads it, such as Airflow's templates, is its business).
pub fn literal_with(value: &Value, indent: usize, string: &dyn Fn(&str) -> String) -> String {
    let pad = "    ".repeat(indent + 1);
    let close = "    ".repeat(indent);
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(items) if items.is_empty() => "[]".into(),
        Value::Array(items) => {
            let inner: Vec<String> =
                items.iter().map(|v| format!("{pad}{}", literal_with(v, indent + 1, string))).collect();
            format!("[\n{},\n{close}]", inner.join(",\n"))
        }
        Value::Object(object) if object.is_empty() => "{}".into(),
        Value::Object(object) => {
            let inner: Vec<String> = object
                .iter()
                .map(|(k, v)| format!("{pad}{}: {}", double_quoted(k), literal_with(v, indent + 1, string)))
                .collect();
            format!("{{\n{},\n{close}}}", inner.join(",\n"))
        }
    }
}

/// `value` as a Python literal whose strings are plain Python strings.
pub fn literal(value: &Value, indent: usize) -> String {
    literal_with(value, indent, &double_quoted)
}
