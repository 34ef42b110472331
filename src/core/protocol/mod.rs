//! What crosses between the app's modules, as typed messages: one pair of enums per channel, each
//! encoded and decoded in one place here, and round-trip tested natively.
//!
//! - [`service`]: the page (and the later panels) ↔ the service worker, which signs calls,
//!   imports, decodes the service's errors and writes exports;
//! - [`algorithm`]: the page → the algorithm worker, which judges the image and hyperparameters
//!   with the algorithm catalogue, and its replies;
//! - [`panels`]: the page ↔ the panels it loads later (Export, Submit and the job panel,
//!   Templates and drafts), which reach the form only through these messages.
//!
//! The codecs are written with `serde_json::Value` rather than derived: a derived reader or
//! writer adds its code to each module that links it, the page's first load among them.

pub mod algorithm;
pub mod panels;
pub mod service;

use serde_json::{json, Value};

/// Why a question has no answer: a message for the user, and where in the text the user brought
/// the trouble is (line and column from 1; line 0 when it is not about a place in a text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, as a sentence for people.
    pub message: String,
    /// The line, from 1; 0 when the failure is not about a place in a text.
    pub line: usize,
    /// The column within the line, from 1 (bytes); 0 with line 0.
    pub column: usize,
}

impl Failure {
    /// A failure that is not about a place in a text.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), line: 0, column: 0 }
    }

    fn to_json(&self) -> String {
        json!({ "message": self.message, "line": self.line, "column": self.column }).to_string()
    }

    fn from_json(value: &Value) -> Option<Failure> {
        let number = |key: &str| value.get(key).and_then(Value::as_u64).unwrap_or(0) as usize;
        Some(Failure {
            message: value.get("message")?.as_str()?.to_string(),
            line: number("line"),
            column: number("column"),
        })
    }
}

/// `<id> <kind>`, a line break, and the payload as it is.
fn envelope(id: u32, kind: &str, payload: &str) -> String {
    format!("{id} {kind}\n{payload}")
}

/// A message's id, kind and payload.
fn open_envelope(message: &str) -> Option<(u32, &str, &str)> {
    let (first, payload) = message.split_once('\n').unwrap_or((message, ""));
    let (id, kind) = first.split_once(' ')?;
    Some((id.parse().ok()?, kind, payload))
}

/// The text member `key` of `value`; empty if it has none.
fn text_of(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// The texts in the list member `key` of `value`.
fn texts_of(value: &Value, key: &str) -> Vec<String> {
    let items = value.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    items.iter().filter_map(Value::as_str).map(str::to_string).collect()
}
