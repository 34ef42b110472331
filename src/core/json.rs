//! JSON in and out: parsing with positions for messages, and the model's member order.

use serde_json::Value;

/// Why a text is not usable JSON, with a 1-based position for the message.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// What is wrong, as a sentence for people, without the position.
    pub message: String,
    /// The line of the error, from 1; 1 when the error is about the text as a whole.
    pub line: usize,
    /// The column of the error within its line, from 1, counted in bytes; 1 when the error is
    /// about the text as a whole.
    pub column: usize,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

/// Parses JSON text. serde_json stops at 128 levels of nesting, so hostile input cannot
/// exhaust the stack.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line L column C"; we report the position separately.
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        JsonError { message: format!("Not valid JSON: {message}."), line: e.line().max(1), column: e.column().max(1) }
    })
}

/// The body text as the preview shows it and as it is sent.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// One top-level member as it appears in [`pretty`] of the whole body, without the comma:
/// `  "Name": value`, its inner lines indented one more level. The preview keeps one of these
/// per member so that a keystroke re-renders only the member it changed.
pub fn pretty_member(name: &str, value: &Value) -> String {
    let mut out = format!("  {}: ", Value::String(name.to_string()));
    // JSON text escapes line breaks inside strings, so every '\n' here is between lines.
    out.push_str(&pretty(value).replace('\n', "\n  "));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_joined_are_the_whole_body() {
        let body = serde_json::json!({
            "A": {"x": [1, {"y": "line\nbreak"}], "e": {}}, "B": "v", "C": [], "D\"q": {"k": null}
        });
        let parts: Vec<String> = body.as_object().unwrap().iter().map(|(k, v)| pretty_member(k, v)).collect();
        assert_eq!(format!("{{\n{}\n}}", parts.join(",\n")), pretty(&body));
    }
}
