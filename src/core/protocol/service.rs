//! Page ↔ service worker: what the page asks the worker that keeps signing, imports, the
//! service's error decoder and the exports out of the first load, and what it answers.
//!
//! A message is a first line `<id> <kind>` and then the kind's payload; the answer carries the
//! question's id, so answers to questions that overlap (two quick submits, an import while
//! signing) cannot be mixed up. Big texts (a 5 MB import, an export) follow the first line as
//! they are, never escaped again. Every question gets an answer: one the worker cannot read gets
//! [`Answer::Failed`].
//!
//! ```
//! use tjs::core::protocol::service::{answer, Answer, Question};
//! let asked = Question::DecodeError { status: 400, body: r#"{"__type":"ValidationException","message":"no"}"#.into() };
//! let (id, answered) = Answer::decode(&answer(&asked.encode(7))).unwrap();
//! assert_eq!(id, 7);
//! assert!(matches!(answered, Answer::DecodedError { error, .. } if error.code == "ValidationException"));
//! ```

use serde_json::{json, Value};

use super::{envelope, open_envelope, text_of, texts_of, Failure};
use crate::core::account::Outcome;
use crate::core::draft::Draft;
use crate::core::exports::{ExportFormat, Written};
use crate::core::formats::{self, CloneFor, Format, Imported};
use crate::core::jobs::Destination;
use crate::core::service_error::{self, ServiceError};
use crate::core::sign::{self, Keys, SignJob, SignedRequest};

fn import_payload(text: &str, clone: &CloneFor) -> String {
    format!("{}\n{text}", json!({ "name_suffix": clone.name_suffix, "region": clone.region }))
}

/// What the worker says once it listens: messages sent before then would be lost.
pub const READY: &str = "ready";

/// A question for the service worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Sign this call.
    Sign(SignJob),
    /// Read a text the user brought, as `formats::import` does.
    Import {
        /// The text, as it came.
        text: String,
        /// What a cloned job is renamed with, and the region it is cloned for.
        clone: CloneFor,
    },
    /// Decode what the service answered with an error.
    DecodeError {
        /// The HTTP status.
        status: u16,
        /// The answer's body, as it came.
        body: String,
    },
    /// Read pasted credentials: keys, a credentials file, an `export-credentials` output.
    ReadCredentials {
        /// What was pasted.
        text: String,
        /// The profile wanted from a credentials file; empty for `default` or the only one.
        profile: String,
    },
    /// Check the request against the account (behaviour §13): the worker makes the lookups,
    /// keeping their answers for the page's life, and answers with what they mean.
    CheckAccount {
        /// The request.
        body: Value,
        /// Where the calls go and with which keys: the region, keys, account endpoint, *Send
        /// via* and timeout are used.
        to: Destination,
    },
    /// Write the request in an export format.
    Export {
        /// Which format.
        format: ExportFormat,
        /// The region the request is for.
        region: String,
        /// The request.
        body: Value,
    },
}

/// The service worker's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The call, signed.
    Signed(SignedRequest),
    /// The text, imported.
    Imported(Imported),
    /// The service's error, decoded.
    DecodedError {
        /// Its status, code and message.
        error: ServiceError,
        /// The form paths its message names.
        paths: Vec<String>,
    },
    /// Credentials, read.
    Credentials {
        /// The keys.
        keys: Keys,
        /// Which profile of a credentials file they came from, as a sentence; may be empty.
        said: String,
    },
    /// The export's text and notes.
    Exported(Written),
    /// What the account checks found, and the checks that could not be made.
    AccountChecked(Outcome),
    /// The question could not be answered: why, and where in the text the user brought.
    Failed(Failure),
}

impl Question {
    #[inline(always)]
    fn kind(&self) -> &'static str {
        match self {
            Question::Sign(_) => "sign",
            Question::Import { .. } => "import",
            Question::DecodeError { .. } => "decode-error",
            Question::ReadCredentials { .. } => "credentials",
            Question::Export { .. } => "export",
            Question::CheckAccount { .. } => "check-account",
        }
    }

    /// The message that asks this, as question `id`. Inlined, so that a module that asks one
    /// kind of question links the encoder of that kind only.
    #[inline(always)]
    pub fn encode(&self, id: u32) -> String {
        let payload = match self {
            Question::Sign(job) => sign::job_json(job),
            Question::Import { text, clone } => import_payload(text, clone),
            Question::DecodeError { status, body } => format!("{status}\n{body}"),
            Question::ReadCredentials { text, profile } => format!("{}\n{text}", profile.trim()),
            Question::Export { format, region, body } => format!("{} {region}\n{body}", format.key()),
            Question::CheckAccount { body, to } => json!({
                "region": to.region,
                "keys": [to.keys.access_key_id, to.keys.secret_access_key, to.keys.session_token],
                "endpoint": to.account_endpoint,
                "via": to.send_via,
                "timeout": to.timeout_seconds,
                "body": body,
            })
            .to_string(),
        };
        envelope(id, self.kind(), &payload)
    }

    /// A message read back in the worker: its id and question, or its id and why it cannot be
    /// answered (id 0 when even that is unreadable).
    pub fn decode(message: &str) -> Result<(u32, Question), (u32, Failure)> {
        let (id, kind, payload) =
            open_envelope(message).ok_or((0, Failure::new("The worker could not read the question.")))?;
        let (first, rest) = payload.split_once('\n').unwrap_or((payload, ""));
        let malformed = |what: &str| (id, Failure::new(format!("The {kind} question was malformed: {what}.")));
        let question = match kind {
            "sign" => Question::Sign(serde_json::from_str(payload).map_err(|e| malformed(&e.to_string()))?),
            "import" => {
                let header: Value = serde_json::from_str(first).map_err(|e| malformed(&e.to_string()))?;
                let clone =
                    CloneFor { name_suffix: text_of(&header, "name_suffix"), region: text_of(&header, "region") };
                Question::Import { text: rest.to_string(), clone }
            }
            "decode-error" => Question::DecodeError {
                status: first.parse().map_err(|_| malformed("no status"))?,
                body: rest.to_string(),
            },
            "credentials" => Question::ReadCredentials { text: rest.to_string(), profile: first.to_string() },
            "export" => {
                let (format, region) = first.split_once(' ').unwrap_or((first, ""));
                let format = ExportFormat::from_key(format).ok_or_else(|| malformed(&format!("no format {format}")))?;
                let body = serde_json::from_str(rest).map_err(|e| malformed(&e.to_string()))?;
                Question::Export { format, region: region.to_string(), body }
            }
            "check-account" => {
                let value: Value = serde_json::from_str(payload).map_err(|e| malformed(&e.to_string()))?;
                let key = |i: usize| value["keys"][i].as_str().unwrap_or_default().to_string();
                let to = Destination {
                    region: text_of(&value, "region"),
                    keys: Keys { access_key_id: key(0), secret_access_key: key(1), session_token: key(2) },
                    account_endpoint: text_of(&value, "endpoint"),
                    send_via: text_of(&value, "via"),
                    timeout_seconds: value["timeout"].as_u64().unwrap_or(30) as u32,
                    ..Destination::default()
                };
                Question::CheckAccount { body: value["body"].clone(), to }
            }
            _ => return Err((id, Failure::new(format!("The worker does not know the question {kind}.")))),
        };
        Ok((id, question))
    }

    /// What the worker answers: every question gets its answer, or why it has none.
    pub fn answer(self) -> Answer {
        match self {
            Question::Sign(job) => match sign::sign_job(&job) {
                Ok(signed) => Answer::Signed(signed),
                Err(message) => Answer::Failed(Failure::new(message)),
            },
            Question::Import { text, clone } => match formats::import(&text, &clone) {
                Ok(imported) => Answer::Imported(imported),
                Err(e) => Answer::Failed(Failure { message: e.message, line: e.line, column: e.column }),
            },
            Question::DecodeError { status, body } => {
                let error = service_error::decode(status, &body);
                let paths = service_error::field_paths(&error.message);
                Answer::DecodedError { error, paths }
            }
            Question::ReadCredentials { text, profile } => {
                match crate::core::credentials::parse_profile(&text, &profile) {
                    Ok((keys, said)) => Answer::Credentials { keys, said },
                    Err(message) => Answer::Failed(Failure::new(message)),
                }
            }
            Question::Export { format, region, body } => Answer::Exported(format.write(&body, &region)),
            // Its calls are asynchronous: the worker carries it out itself (ui::worker).
            Question::CheckAccount { .. } => {
                Answer::Failed(Failure::new("The account check is made by the worker's account lookups."))
            }
        }
    }
}

impl Answer {
    /// The message that gives this answer to question `id`.
    pub fn encode(&self, id: u32) -> String {
        let (kind, payload) = match self {
            Answer::Signed(signed) => ("signed", json!({ "url": signed.url, "headers": signed.headers }).to_string()),
            Answer::Imported(imported) => (
                "imported",
                json!({
                    "body": imported.draft.body(),
                    "format": imported.format.describe(),
                    "left_out": imported.left_out,
                    "notes": imported.notes,
                })
                .to_string(),
            ),
            Answer::DecodedError { error, paths } => (
                "decoded-error",
                json!({ "status": error.status, "code": error.code, "message": error.message, "paths": paths })
                    .to_string(),
            ),
            Answer::Credentials { keys, said } => (
                "credentials",
                json!([keys.access_key_id, keys.secret_access_key, keys.session_token, said]).to_string(),
            ),
            // The notes on the first line, the text after it as it is.
            Answer::Exported(written) => ("exported", format!("{}\n{}", json!(written.notes), written.text)),
            Answer::AccountChecked(outcome) => ("account-checked", super::outcome_json(outcome).to_string()),
            Answer::Failed(failure) => ("failed", failure.to_json()),
        };
        envelope(id, kind, &payload)
    }

    /// An answer read back on the page: the id of the question it answers, and the answer. An
    /// answer that cannot be read becomes [`Answer::Failed`]; `None` only when even its id cannot.
    pub fn decode(message: &str) -> Option<(u32, Answer)> {
        let (id, kind, payload) = open_envelope(message)?;
        Some((id, Answer::read(kind, payload).unwrap_or_else(|| Answer::Failed(Failure::new(UNREADABLE)))))
    }

    /// An import's answer read back: the import, or why there is none. The page's reader: it
    /// links the readers of these two kinds only, not the others, which its first load has no
    /// use for.
    pub fn decode_import(message: &str) -> Result<Imported, Failure> {
        let read = open_envelope(message).and_then(|(_, kind, payload)| {
            let value: Value = serde_json::from_str(payload).ok()?;
            match kind {
                "imported" => read_imported(&value).map(Ok),
                "failed" => Failure::from_json(&value).map(Err),
                _ => None,
            }
        });
        read.unwrap_or_else(|| Err(Failure::new(UNREADABLE)))
    }

    fn read(kind: &str, payload: &str) -> Option<Answer> {
        if kind == "exported" {
            let (notes, text) = payload.split_once('\n')?;
            let notes = serde_json::from_str(notes).ok()?;
            return Some(Answer::Exported(Written { text: text.to_string(), notes }));
        }
        let value: Value = serde_json::from_str(payload).ok()?;
        match kind {
            "signed" => read_signed(&value).map(Answer::Signed),
            "imported" => read_imported(&value).map(Answer::Imported),
            "decoded-error" => read_decoded_error(&value),
            "credentials" => Some(read_credentials(&value)),
            "failed" => Failure::from_json(&value).map(Answer::Failed),
            "account-checked" => Some(Answer::AccountChecked(super::read_outcome(&value))),
            _ => None,
        }
    }
}

fn read_signed(value: &Value) -> Option<SignedRequest> {
    let pair = |pair: &Value| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string()));
    let headers = value.get("headers")?.as_array()?.iter().map(pair).collect::<Option<Vec<_>>>()?;
    Some(SignedRequest { url: value.get("url")?.as_str()?.to_string(), headers })
}

fn read_imported(value: &Value) -> Option<Imported> {
    let described = value.get("format")?.as_str()?;
    let format = Format::ALL.into_iter().find(|f| f.describe() == described)?;
    let body = value.get("body").filter(|b| b.is_object())?;
    Some(Imported {
        draft: Draft::from_value(body),
        format,
        left_out: texts_of(value, "left_out"),
        notes: texts_of(value, "notes"),
    })
}

fn read_decoded_error(value: &Value) -> Option<Answer> {
    Some(Answer::DecodedError {
        error: ServiceError {
            status: value.get("status")?.as_u64()? as u16,
            code: value.get("code")?.as_str()?.to_string(),
            message: value.get("message")?.as_str()?.to_string(),
        },
        paths: texts_of(value, "paths"),
    })
}

fn read_credentials(value: &Value) -> Answer {
    let part = |i: usize| value.get(i).and_then(Value::as_str).unwrap_or_default().to_string();
    Answer::Credentials {
        keys: Keys { access_key_id: part(0), secret_access_key: part(1), session_token: part(2) },
        said: part(3),
    }
}

/// What the page says of an answer it cannot read.
pub const UNREADABLE: &str = "The service worker gave an answer the page cannot read.";

/// `message`, a question asked under some id, asked under `id` instead: the page relays the
/// panels' questions to the one service worker under ids of its own.
pub fn with_id(message: &str, id: u32) -> String {
    match message.split_once(' ') {
        Some((_, rest)) => format!("{id} {rest}"),
        None => message.to_string(),
    }
}

/// The worker's whole job: a message in, the answer's message out. Never fails: a question it
/// cannot read gets [`Answer::Failed`].
pub fn answer(message: &str) -> String {
    match Question::decode(message) {
        Ok((id, question)) => question.answer().encode(id),
        Err((id, failure)) => Answer::Failed(failure).encode(id),
    }
}
