//! The envelope of the messages between the page and its service worker (`src/signer.rs`, which
//! signs requests, decodes the service's errors, imports what the user brings (SPEC S5) and
//! writes the exports other than the CLI file command), so that none of that is in the page's
//! first load.
//!
//! Each question carries an id and a kind, and its answer the same id, so answers to questions
//! that overlap (two quick submits, an import while signing) cannot be mixed up. The payloads are
//! the kinds' own text (JSON), passed through untouched: a 5 MB import is not escaped again.
//!
//! ```
//! use tjs::core::worker_message::{open, question, read_reply, reply};
//! let asked = question(7, "sign", "{}");
//! let (id, kind, payload) = open(&asked).unwrap();
//! assert_eq!((id, kind, payload), (7, "sign", "{}"));
//! assert_eq!(read_reply(&reply(id, "answer")), Some((7, "answer")));
//! ```

/// What the worker says once it listens: messages sent before then would be lost.
pub const READY: &str = "ready";

/// A question for the worker: `<id> <kind> <payload>`.
pub fn question(id: u32, kind: &str, payload: &str) -> String {
    format!("{id} {kind} {payload}")
}

/// A question's id, kind and payload, read in the worker.
pub fn open(message: &str) -> Option<(u32, &str, &str)> {
    let (id, rest) = message.split_once(' ')?;
    let (kind, payload) = rest.split_once(' ').unwrap_or((rest, ""));
    Some((id.parse().ok()?, kind, payload))
}

/// The worker's answer to question `id`: `<id> <answer>`.
pub fn reply(id: u32, answer: &str) -> String {
    format!("{id} {answer}")
}

/// An answer's id and text, read on the page.
pub fn read_reply(message: &str) -> Option<(u32, &str)> {
    let (id, answer) = message.split_once(' ')?;
    Some((id.parse().ok()?, answer))
}

/// The worker's answer to any message: it never fails, and bad input gets a message.
pub fn answer(message: &str) -> String {
    let Some((id, kind, payload)) = open(message) else {
        return reply(0, r#"{"Err":"The worker could not read the question."}"#);
    };
    let answer = match kind {
        "sign" => super::sign::answer(payload),
        "import" => super::formats::import_answer(payload),
        "service-error" => super::service_error::decode_answer(payload),
        "export" => super::formats::export_answer(payload),
        "credentials" => super::credentials::answer(payload),
        _ => serde_json::json!({ "Err": format!("The worker does not know the question {kind}.") }).to_string(),
    };
    reply(id, &answer)
}
