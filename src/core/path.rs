//! Form and problem paths in behaviour §3's form: member names joined by dots, list items and map rows
//! by zero-based position, a map row's parts as `.key` and `.value`:
//! `InputDataConfig[0].DataSource.S3DataSource.S3Uri`, `HyperParameters[2].value`.
//!
//! A control's path is a [`FormPath`], read once into its steps: the draft is walked along those
//! steps, and the text form is written once, for the control's `data-path`. Problem paths stay
//! text, as the checks produce them on every keystroke; [`child`], [`item`] and [`is_within`]
//! build and compare those. This module is the one place that builds, reads and compares paths.
//!
//! ```
//! use tjs::core::path::{self, FormPath, Step};
//! let channel = path::item("InputDataConfig", 0);
//! let uri = path::child(&channel, "DataSource.S3DataSource.S3Uri");
//! assert_eq!(uri, "InputDataConfig[0].DataSource.S3DataSource.S3Uri");
//! assert!(path::is_within(&uri, "InputDataConfig"));
//! assert_eq!(FormPath::parse(&uri).steps()[1], Step::Index(0));
//! assert_eq!(FormPath::parse(&uri).to_string(), uri);
//! let typed = FormPath::default().child("InputDataConfig").item(0).child("ChannelName");
//! assert_eq!(typed.to_string(), "InputDataConfig[0].ChannelName");
//! assert_eq!(typed.member_names(), ["InputDataConfig", "ChannelName"]);
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
        let mut path = Vec::new();
        for (name, index) in steps(text) {
            path.push(Step::Member(name.to_string()));
            path.extend(index.map(Step::Index));
        }
        FormPath(path)
    }

    /// Its steps, outermost first.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// Whether this path is `outer` or lies inside it.
    pub fn starts_with(&self, outer: &FormPath) -> bool {
        self.0.starts_with(&outer.0)
    }

    /// The path of member `name` inside this one; inside the empty path, the top-level member.
    pub fn child(&self, name: &str) -> FormPath {
        let mut steps = self.0.clone();
        steps.push(Step::Member(name.to_string()));
        FormPath(steps)
    }

    /// The path of item or row `index` of the list or map at this path.
    pub fn item(&self, index: usize) -> FormPath {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        FormPath(steps)
    }

    /// The path one step out, and that last step; `None` for the request itself.
    pub fn split_last(&self) -> Option<(FormPath, &Step)> {
        let (last, outer) = self.0.split_last()?;
        Some((FormPath(outer.to_vec()), last))
    }

    /// The member names along the path, positions left out, as the catalogue is asked.
    pub fn member_names(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter_map(|step| match step {
                Step::Member(name) => Some(name.as_str()),
                Step::Index(_) => None,
            })
            .collect()
    }

    /// Whether this is the request itself.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether this is a top-level member of the request (not inside another member).
    pub fn is_top_level(&self) -> bool {
        self.0.len() == 1
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
