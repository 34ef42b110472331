//! JSON in and out: parsing with positions for messages, and the model's member order.

use serde_json::Value;

/// Why a text is not usable JSON, with a 1-based position for the message.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub message: String,
    pub line: usize,
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
