//! How a long list of choices (the instance types) is offered: narrowed by what the user typed in
//! its search box, and grouped by family, such as `ml.p4d.24xlarge` under `p4d`.
//!
//! ```
//! use tjs::core::enum_picker::by_family;
//! let groups = by_family(&["ml.m5.large", "ml.p3.2xlarge", "ml.m5.xlarge"], "m5", "");
//! assert_eq!(groups, [("m5", vec!["ml.m5.large", "ml.m5.xlarge"])]);
//! ```

/// The values that contain `search` (any case; all of them when it is blank), and `current`
/// whatever the search, grouped by family in the order the families first appear.
pub fn by_family<'a>(values: &[&'a str], search: &str, current: &str) -> Vec<(&'a str, Vec<&'a str>)> {
    let needle = search.trim().to_ascii_lowercase();
    let mut groups: Vec<(&'a str, Vec<&'a str>)> = Vec::new();
    for &value in
        values.iter().filter(|v| needle.is_empty() || v.to_ascii_lowercase().contains(&needle) || **v == current)
    {
        let family = value.split('.').nth(1).unwrap_or(value);
        match groups.iter_mut().find(|(f, _)| *f == family) {
            Some((_, members)) => members.push(value),
            None => groups.push((family, vec![value])),
        }
    }
    groups
}
