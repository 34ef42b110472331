//! Form and problem paths in SPEC S3's form: member names joined by dots, list items and map rows
//! by zero-based position, a map row's parts as `.key` and `.value`:
//! `InputDataConfig[0].DataSource.S3DataSource.S3Uri`, `HyperParameters[2].value`.
//!
//! Paths travel as text (they are the `data-path` hooks and the problems' paths), so this module
//! is the one place that builds them, reads them back, and tells whether one lies inside another.
//! [`FormPath`] is a path read once into its steps.
//!
//! ```
//! use tjs::core::path::{self, FormPath, Step};
//! let channel = path::item("InputDataConfig", 0);
//! let uri = path::child(&channel, "DataSource.S3DataSource.S3Uri");
//! assert_eq!(uri, "InputDataConfig[0].DataSource.S3DataSource.S3Uri");
//! assert!(path::is_within(&uri, "InputDataConfig"));
//! assert_eq!(FormPath::parse(&uri).steps()[1], Step::Index(0));
//! assert_eq!(FormPath::parse(&uri).to_string(), uri);
//! ```

use std::fmt;

/// One step of a path: into a member, or to an item or row by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A structure's member, or a map row's `key` or `value`.
    Member(String),
    /// A list item or map row, counted from 0.
    Index(usize),
}

/// A path read into its steps; its `Display` is the text form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormPath(Vec<Step>);

impl FormPath {
    /// Reads a path. The empty text is the request itself; a position that is not a number is
    /// dropped, as no control has such a path.
    pub fn parse(text: &str) -> FormPath {
        FormPath(
            steps(text)
                .flat_map(|(name, index)| std::iter::once(Step::Member(name.to_string())).chain(index.map(Step::Index)))
                .collect(),
        )
    }

    /// Its steps, outermost first.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// Whether this path is `outer` or lies inside it.
    pub fn starts_with(&self, outer: &FormPath) -> bool {
        self.0.starts_with(&outer.0)
    }
}

impl fmt::Display for FormPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Member(name) if i == 0 => f.write_str(name)?,
                Step::Member(name) => write!(f, ".{name}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// The path of member `name` (or of a dotted run of members) inside `parent`; `parent` empty is
/// the request itself.
pub fn child(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// The path of item or row `index` of the list or map at `parent`.
pub fn item(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// Each step of a path as text: a member name and the position after it, if any.
pub fn steps(path: &str) -> impl Iterator<Item = (&str, Option<usize>)> {
    path.split('.').filter(|s| !s.is_empty()).map(|step| match step.split_once('[') {
        Some((name, index)) => (name, index.trim_end_matches(']').parse().ok()),
        None => (step, None),
    })
}

/// The member names along a path, positions left out: `InputDataConfig[0].ChannelName` ->
/// `["InputDataConfig", "ChannelName"]`; what the catalogue is asked with.
pub fn member_names(path: &str) -> Vec<&str> {
    steps(path).map(|(name, _)| name).collect()
}

/// The top-level member a path starts with: `InputDataConfig[0].ChannelName` -> `InputDataConfig`.
pub fn top_member(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or_default()
}

/// Whether `path` is `outer` or lies inside it (`Tags[1].Key` is within `Tags` and `Tags[1]`,
/// not within `Tag`). The empty `outer` is the request, which holds every path.
pub fn is_within(path: &str, outer: &str) -> bool {
    outer.is_empty() || path.strip_prefix(outer).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}
