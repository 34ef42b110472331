//! A problem found in a request: where, what kind, how bad, and what to do (behaviour §3).

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The service would reject the request or the job would fail: Submit asks the user to confirm
    /// before sending, and `tjs` exits with status 1.
    Error,
    /// Likely a mistake, though the request may run as it is; nothing is held back.
    Warning,
}

/// One problem found in a request, as the form, the problem list and `tjs` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Member names with zero-based list indices: `InputDataConfig[0].ChannelName`.
    pub path: String,
    /// `required`, `type`, `length.max`, `pattern`, `rule.*`, ...
    pub code: &'static str,
    /// Whether it is an error or a warning.
    pub severity: Severity,
    /// What is wrong and what to change, with the limit and the current value.
    pub message: String,
    /// The service's own wording of the same constraint, where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For a map row that should be there and is not (a hyperparameter the image needs), its
    /// key: the path can only name the map, and this says which row the fix adds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_key: Option<String>,
}

impl Problem {
    /// An error at `path`, without a detail.
    pub fn error(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            code,
            severity: Severity::Error,
            message: message.into(),
            detail: None,
            missing_key: None,
        }
    }

    /// A warning at `path`, without a detail.
    pub fn warning(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Problem { severity: Severity::Warning, ..Problem::error(path, code, message) }
    }

    /// The same problem about the missing map row `key`.
    pub fn with_missing_key(mut self, key: impl Into<String>) -> Self {
        self.missing_key = Some(key.into());
        self
    }

    /// The same problem with the service's own wording as its detail.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// "1 character", "5 characters".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
