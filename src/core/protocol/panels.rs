//! Page ↔ the later panels (Export, Submit and the job panel, Templates and drafts). The panels
//! are a module of their own, loaded when first needed, that runs in the page's thread. They reach
//! what only the page has, its form, through one function of a host object the page gives them,
//! `ask(message)`, whose messages are these [`PageQuestion`]s and [`PageAnswer`]s; and the page
//! tells them of changes with a window event whose detail is a [`News`].
//!
//! A message is a first line that names its kind, then its payload. A question the page cannot
//! read gets [`PageAnswer::Failed`], never nothing.
//!
//! ```
//! use tjs::core::protocol::panels::{PageAnswer, PageQuestion};
//! let asked = PageQuestion::Mark(vec!["ResourceConfig.InstanceType".into()]);
//! assert_eq!(PageQuestion::decode(&asked.encode()), Ok(asked));
//! assert_eq!(PageAnswer::decode(&PageAnswer::Count(2).encode()), PageAnswer::Count(2));
//! ```

use serde_json::{json, Value};

use super::texts_of;
use crate::core::problem::Problem;

/// The event the panels' module sends once it listens.
pub const READY_EVENT: &str = "tjs-panels-ready";
/// The event the page then sends; its detail is `{host}`, the object whose `ask(message)` answers
/// [`PageQuestion`]s.
pub const OPEN_EVENT: &str = "tjs-panels";
/// The element Export is drawn in, which the page provides.
pub const EXPORT_MOUNT_ID: &str = "export-panel";
/// The element Submit and the job panel are drawn in, which the page provides.
pub const SERVICE_MOUNT_ID: &str = "service-panel";
/// The element Templates and drafts is drawn in, which the page provides.
pub const DRAFTS_MOUNT_ID: &str = "drafts-panel";

/// What the panels ask the page.
#[derive(Debug, Clone, PartialEq)]
pub enum PageQuestion {
    /// The body being edited.
    Body,
    /// How many errors the form has, once it flags every missing member (the user asked to
    /// submit).
    ErrorsForSubmit,
    /// How many errors the form shows now; the form stays as it is.
    ErrorCount,
    /// The region the page exports and checks for, which Submit sends to.
    Region,
    /// The user chose this region (a share link carried it): it is kept for the next visit.
    ChooseRegion(String),
    /// The deployment's default region, which applies only if the user has chosen none; the
    /// answer is the region that applies.
    DefaultRegion(String),
    /// Show a failure on the fields at these body paths (the service named them).
    Mark(Vec<String>),
    /// Put this job name in the form (the next one after a submit), saying so at the name.
    SetName(String),
    /// Whether the form holds edits that were not saved.
    Unsaved,
    /// Whether the form may be replaced by what the text says (a template, a saved draft, the
    /// empty form); the page asks the user first if the form holds unsaved work.
    MayReplace(String),
    /// Put this request in the form, as saved work; `None` for the empty form.
    Replace(Option<Value>),
    /// Put this template in the form, as `Replace` does, with its built-in image written for the
    /// page's region.
    Template(Value),
    /// This request was saved: it is no longer unsaved work.
    Saved(Value),
    /// Import this DescribeTrainingJob answer as a clone, as the Import box does, replacing the
    /// form. The answer comes later (the import runs in the service worker).
    Clone(String),
    /// Show these account findings (behaviour §13) on their fields and in the summary, in place
    /// of the last ones; paths are the body's.
    AccountFindings(Vec<Problem>),
    /// Pass this message (a `protocol::service` question) to the service worker, which the page
    /// and the panels share. The answer comes later: the worker's answer message.
    Service(String),
}

/// What the page answers.
#[derive(Debug, Clone, PartialEq)]
pub enum PageAnswer {
    /// The body being edited.
    Body(Value),
    /// A number of errors.
    Count(usize),
    /// A region.
    Region(String),
    /// Yes or no.
    Flag(bool),
    /// Done; nothing to say.
    Done,
    /// What the clone's import gave; `None` when nothing was imported.
    Cloned(Option<ImportReport>),
    /// The service worker's answer message to a relayed question.
    Service(String),
    /// The question could not be answered, and why.
    Failed(String),
}

/// What an import gave, as the Import box and the job panel report it.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportReport {
    /// Nothing was changed, and why.
    Failed(String),
    /// The form now holds the import.
    Imported {
        /// What the text was recognised as.
        format: String,
        /// What was left out, and why, one line each.
        left_out: Vec<String>,
        /// What was changed, or is worth knowing, one line each.
        notes: Vec<String>,
    },
}

/// What the page tells the panels unasked, as the detail of the window event [`News::EVENT`].
#[derive(Debug, Clone, PartialEq)]
pub enum News {
    /// The form's body or its region changed (told a moment after the last change).
    FormChanged {
        /// The region now.
        region: String,
    },
}

impl News {
    /// The window event that carries the news.
    pub const EVENT: &'static str = "tjs-form";

    /// The event's detail.
    pub fn encode(&self) -> String {
        match self {
            News::FormChanged { region } => format!("form-changed\n{region}"),
        }
    }

    /// An event's detail read back; `None` if it is not news of this kind.
    pub fn decode(detail: &str) -> Option<News> {
        match detail.split_once('\n')? {
            ("form-changed", region) => Some(News::FormChanged { region: region.to_string() }),
            _ => None,
        }
    }
}

impl PageQuestion {
    /// The message that asks this.
    pub fn encode(&self) -> String {
        let text = |kind: &str, payload: &str| format!("{kind}\n{payload}");
        match self {
            PageQuestion::Body => text("body", ""),
            PageQuestion::ErrorsForSubmit => text("errors-for-submit", ""),
            PageQuestion::ErrorCount => text("error-count", ""),
            PageQuestion::Region => text("region", ""),
            PageQuestion::ChooseRegion(region) => text("choose-region", region),
            PageQuestion::DefaultRegion(region) => text("default-region", region),
            PageQuestion::Mark(paths) => text("mark", &json!(paths).to_string()),
            PageQuestion::SetName(name) => text("set-name", name),
            PageQuestion::Unsaved => text("unsaved", ""),
            PageQuestion::MayReplace(why) => text("may-replace", why),
            PageQuestion::Replace(body) => text("replace", &body.as_ref().map(Value::to_string).unwrap_or_default()),
            PageQuestion::Template(body) => text("template", &body.to_string()),
            PageQuestion::Saved(body) => text("saved", &body.to_string()),
            PageQuestion::Clone(described) => text("clone", described),
            PageQuestion::Service(message) => text("service", message),
            PageQuestion::AccountFindings(problems) => {
                text("account-findings", &super::problems_json(problems).to_string())
            }
        }
    }

    /// A message read back on the page, or why it cannot be answered.
    pub fn decode(message: &str) -> Result<PageQuestion, String> {
        let (kind, payload) = message.split_once('\n').ok_or("The panels sent a question the page cannot read.")?;
        let json = |payload: &str| {
            serde_json::from_str::<Value>(payload).map_err(|e| format!("The {kind} question was malformed: {e}."))
        };
        Ok(match kind {
            "body" => PageQuestion::Body,
            "errors-for-submit" => PageQuestion::ErrorsForSubmit,
            "error-count" => PageQuestion::ErrorCount,
            "region" => PageQuestion::Region,
            "choose-region" => PageQuestion::ChooseRegion(payload.to_string()),
            "default-region" => PageQuestion::DefaultRegion(payload.to_string()),
            "mark" => {
                let paths = json(payload)?;
                let paths =
                    paths.as_array().and_then(|items| items.iter().map(|p| p.as_str().map(str::to_string)).collect());
                PageQuestion::Mark(
                    paths.ok_or_else(|| format!("The {kind} question was malformed: not a list of paths."))?,
                )
            }
            "set-name" => PageQuestion::SetName(payload.to_string()),
            "unsaved" => PageQuestion::Unsaved,
            "may-replace" => PageQuestion::MayReplace(payload.to_string()),
            "replace" if payload.is_empty() => PageQuestion::Replace(None),
            "replace" => PageQuestion::Replace(Some(json(payload)?)),
            "template" => PageQuestion::Template(json(payload)?),
            "saved" => PageQuestion::Saved(json(payload)?),
            "clone" => PageQuestion::Clone(payload.to_string()),
            "service" => PageQuestion::Service(payload.to_string()),
            "account-findings" => {
                PageQuestion::AccountFindings(super::read_problems(&json(payload)?, &crate::core::account::codes::ALL))
            }
            _ => return Err(format!("The page does not know the question {kind}.")),
        })
    }
}

impl PageAnswer {
    /// The message that gives this answer.
    pub fn encode(&self) -> String {
        match self {
            PageAnswer::Body(body) => format!("body\n{body}"),
            PageAnswer::Count(count) => format!("count\n{count}"),
            PageAnswer::Region(region) => format!("region\n{region}"),
            PageAnswer::Flag(yes) => format!("flag\n{yes}"),
            PageAnswer::Done => "done\n".to_string(),
            PageAnswer::Cloned(None) => "cloned\n".to_string(),
            PageAnswer::Cloned(Some(ImportReport::Failed(message))) => {
                format!("cloned\n{}", json!({ "failed": message }))
            }
            PageAnswer::Cloned(Some(ImportReport::Imported { format, left_out, notes })) => {
                format!("cloned\n{}", json!({ "format": format, "left_out": left_out, "notes": notes }))
            }
            PageAnswer::Service(message) => format!("service\n{message}"),
            PageAnswer::Failed(message) => format!("failed\n{message}"),
        }
    }

    /// A message read back in the panels; one that cannot be read is [`PageAnswer::Failed`].
    pub fn decode(message: &str) -> PageAnswer {
        let unreadable = || PageAnswer::Failed("The page gave an answer the panels cannot read.".into());
        let Some((kind, payload)) = message.split_once('\n') else { return unreadable() };
        let read = match kind {
            "body" => serde_json::from_str(payload).ok().map(PageAnswer::Body),
            "count" => payload.parse().ok().map(PageAnswer::Count),
            "region" => Some(PageAnswer::Region(payload.to_string())),
            "flag" => payload.parse().ok().map(PageAnswer::Flag),
            "done" => Some(PageAnswer::Done),
            "cloned" if payload.is_empty() => Some(PageAnswer::Cloned(None)),
            "cloned" => serde_json::from_str::<Value>(payload).ok().map(|report| {
                PageAnswer::Cloned(Some(match report.get("failed").and_then(Value::as_str) {
                    Some(message) => ImportReport::Failed(message.to_string()),
                    None => ImportReport::Imported {
                        format: report.get("format").and_then(Value::as_str).unwrap_or_default().to_string(),
                        left_out: texts_of(&report, "left_out"),
                        notes: texts_of(&report, "notes"),
                    },
                }))
            }),
            "service" => Some(PageAnswer::Service(payload.to_string())),
            "failed" => Some(PageAnswer::Failed(payload.to_string())),
            _ => None,
        };
        read.unwrap_or_else(unreadable)
    }
}
