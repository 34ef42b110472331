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

use crate::core::account::{codes, Outcome, Skipped};
use crate::core::problem::{Problem, Severity};

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

/// The account checks' findings as a message carries them.
fn problems_json(problems: &[Problem]) -> Value {
    let problem = |p: &Problem| json!({ "path": p.path, "code": p.code, "severity": p.severity, "message": p.message });
    Value::Array(problems.iter().map(problem).collect())
}

/// Problems read back from a message, keeping those whose code is one of `known` (the codes of
/// the checks that sent them); one naming any other code is dropped rather than shown with a
/// made-up code. The algorithm worker's and the account check's findings are read with this.
fn read_problems(value: &Value, known: &[&'static str]) -> Vec<Problem> {
    let entries = value.as_array().map(Vec::as_slice).unwrap_or_default();
    let read = |p: &Value| {
        let code = known.iter().find(|c| p["code"].as_str() == Some(**c))?;
        let mut problem = Problem::error(text_of(p, "path"), code, text_of(p, "message"));
        if p["severity"] == "warning" {
            problem.severity = Severity::Warning;
        }
        problem.missing_key = p["missing_key"].as_str().map(str::to_string);
        Some(problem)
    };
    entries.iter().filter_map(read).collect()
}

/// An account check's outcome as a message carries it.
fn outcome_json(outcome: &Outcome) -> Value {
    let skipped = |s: &Skipped| json!({ "path": s.path, "code": s.code, "reason": s.reason });
    json!({ "problems": problems_json(&outcome.problems), "skipped": outcome.skipped.iter().map(skipped).collect::<Vec<_>>() })
}

/// An account check's outcome read back.
fn read_outcome(value: &Value) -> Outcome {
    let skipped = value["skipped"].as_array().map(Vec::as_slice).unwrap_or_default();
    let read = |s: &Value| {
        let code = codes::ALL.into_iter().find(|c| s["code"].as_str() == Some(*c))?;
        Some(Skipped { code, path: text_of(s, "path"), reason: text_of(s, "reason") })
    };
    let problems = read_problems(&value["problems"], &codes::ALL);
    Outcome { problems, skipped: skipped.iter().filter_map(read).collect() }
}
