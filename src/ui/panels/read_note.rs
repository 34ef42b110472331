//! What the job's log and charts say when a read of CloudWatch fails (behaviour §15): nothing
//! written yet, a permission the keys lack, the service slowing reads down, or another failure.

use super::service_call::CallFailure;
use crate::core::watch::missing_permission;

/// Why the last read brought nothing, shown above the log or the charts.
#[derive(Clone, PartialEq)]
pub enum ReadNote {
    /// The job has written nothing yet (no log group or stream).
    NothingYet,
    /// The keys may not read it: which permission is missing. Reads stop until the panel reopens.
    NotAllowed(String),
    /// The service throttled the read; the next one waits longer.
    Throttled,
    /// Another failure, in the service's or the browser's words.
    Failed(String),
}

impl ReadNote {
    /// The note for a failed call.
    pub fn of(failure: &CallFailure) -> Self {
        match failure {
            CallFailure::Service(e, _) if e.code.contains("ResourceNotFound") => ReadNote::NothingYet,
            CallFailure::Service(e, _) if e.code.contains("Throttl") || e.code == "RequestLimitExceeded" => {
                ReadNote::Throttled
            }
            CallFailure::Service(e, _) => match missing_permission(e.status, &format!("{} {}", e.code, e.message)) {
                Some(permission) => ReadNote::NotAllowed(permission),
                None => ReadNote::Failed(format!("{}: {}", e.code, e.message)),
            },
            CallFailure::Problem(message) => ReadNote::Failed(message.clone()),
        }
    }

    /// The note in words, for what could not be read (`"log"`, `"metrics"`); `nothing_yet` is
    /// said when the job has written none.
    pub fn text(&self, what: &str, nothing_yet: &str) -> String {
        match self {
            ReadNote::NothingYet => nothing_yet.to_string(),
            ReadNote::NotAllowed(permission) => format!(
                "The {what} cannot be read with these keys: they need the permission {permission}. The rest of the panel works without it."
            ),
            ReadNote::Throttled => format!("The service is slowing reads of the {what} down; the next read waits longer."),
            ReadNote::Failed(message) => format!("The {what} could not be read: {message}"),
        }
    }
}
