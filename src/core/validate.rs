//! Checks a request body against every constraint in the catalogue (behaviour §3): required, JSON
//! type, length, range, item counts, enum and whole-value pattern, plus unknown members.

use std::sync::OnceLock;

use serde_json::Value;

use super::algorithm::{self, Catalogue};
use super::catalogue::{self, Kind, Shape, ShapeId, SHAPES};
use super::draft::PathMap;
use super::path::{child, item};
use super::pattern::Pattern;
use super::problem::{plural, Problem};
use super::unicode::isolate;

/// Every problem in `body`, a `CreateTrainingJob` request: each member's constraints, then the
/// rules that connect fields.
pub fn validate(body: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    check(body, catalogue::ROOT, "", &mut problems);
    super::rules::check(body, &mut problems);
    problems
}

/// Every problem in `body`, then what its training image needs (behaviour §10): `region` is where the
/// job is submitted, if known.
pub fn validate_for_region(body: &Value, catalogue: &Catalogue, region: Option<&str>) -> Vec<Problem> {
    let mut problems = validate(body);
    problems.extend(algorithm::check(body, catalogue, region));
    problems
}

/// Longest value matched against a pattern when its shape sets no maximum length.
const MAX_PATTERN_INPUT: i64 = 100_000;

/// The problems of a draft's export, with paths as the form numbers its items and rows, plus a
/// problem for each map key that repeats an earlier row's.
pub fn validate_export(body: &Value, paths: &PathMap) -> Vec<Problem> {
    in_form_terms(validate(body), paths)
}

/// Problem paths renumbered as the form shows its rows, plus the repeated map keys.
fn in_form_terms(mut problems: Vec<Problem>, paths: &PathMap) -> Vec<Problem> {
    problems.iter_mut().for_each(|p| p.path = paths.form_path(&p.path));
    problems.extend(paths.duplicate_keys.iter().map(|path| {
        Problem::error(
            path.clone(),
            "rule.unique-names",
            "This name is already used by an earlier row: names must be unique.",
        )
    }));
    problems
}

/// [`validate_export`] that re-checks only the top-level members whose value changed since its
/// last run; the rules that connect members always run. A keystroke in a maximum-size request
/// then re-checks one member, not all of them.
///
/// ```
/// use tjs::core::{draft::Draft, path::FormPath, validate::{validate_export, Revalidator}};
/// let mut draft = Draft::new();
/// draft.set_text(&FormPath::parse("TrainingJobName"), "my_job");
/// let (body, paths) = draft.export();
/// let mut checker = Revalidator::default();
/// assert_eq!(checker.run(&body, &paths), validate_export(&body, &paths));
/// ```
#[derive(Debug, Default)]
pub struct Revalidator {
    /// Each top-level member's last value and its problems, in the model's order.
    checked: Vec<(String, Value, Checked)>,
}

/// What one top-level member was found to break.
#[derive(Debug, Default)]
struct Checked {
    constraints: Vec<Problem>,
    rules: Vec<Problem>,
}

impl Revalidator {
    /// The problems [`validate_export`] finds in `body`, re-checking only the top-level members
    /// that changed since the last run, and remembering this body for the next one.
    pub fn run(&mut self, body: &Value, paths: &PathMap) -> Vec<Problem> {
        let Some(object) = body.as_object() else {
            self.checked.clear();
            return validate_export(body, paths);
        };
        let mut previous = std::mem::take(&mut self.checked);
        let mut problems = Vec::new();
        check_members(object, catalogue::ROOT, "", &mut problems, &mut |value, id, path, out| {
            let reused = previous.iter().position(|(name, old, _)| *name == path && old == value);
            let entry = match reused {
                Some(i) => previous.swap_remove(i),
                None => {
                    let mut found = Checked::default();
                    check(value, id, &path, &mut found.constraints);
                    super::rules::within_member(&path, value, &mut found.rules);
                    (path, value.clone(), found)
                }
            };
            out.extend(entry.2.constraints.iter().cloned());
            self.checked.push(entry);
        });
        // The same order as `validate`: constraints, rules across members, rules within each.
        super::rules::across_members(body, &mut problems);
        problems.extend(self.checked.iter().flat_map(|(_, _, found)| found.rules.iter().cloned()));
        in_form_terms(problems, paths)
    }
}

/// The compiled pattern of each shape, compiled once on first use.
fn pattern_of(id: ShapeId) -> Option<&'static Pattern> {
    static COMPILED: OnceLock<Vec<Option<Pattern>>> = OnceLock::new();
    COMPILED
        .get_or_init(|| {
            SHAPES
                .iter()
                .map(|s| s.pattern.map(|p| Pattern::new(p).unwrap_or_else(|e| panic!("{}: {e}", s.name))))
                .collect()
        })
        .get(id as usize)?
        .as_ref()
}

fn check(value: &Value, id: ShapeId, path: &str, out: &mut Vec<Problem>) {
    let shape = catalogue::shape(id);
    match (&shape.kind, value) {
        (Kind::String, Value::String(s)) => check_string(s, id, shape, path, out),
        (Kind::Integer | Kind::Long, Value::Number(n)) => match n.as_i64() {
            Some(n) if fits(shape, n) => check_bounds(n, shape, path, Bounded::Value, out),
            _ => out.push(type_problem(shape, value, path)),
        },
        (Kind::Boolean, Value::Bool(_)) => {}
        (Kind::Structure(_), Value::Object(object)) => {
            check_members(object, id, path, out, &mut |v, id, member_path, out| check(v, id, &member_path, out))
        }
        (Kind::List(item_shape), Value::Array(items)) => {
            check_bounds(items.len() as i64, shape, path, Bounded::Items, out);
            for (i, v) in items.iter().enumerate() {
                check(v, *item_shape, &item(path, i), out);
            }
        }
        (Kind::Map(key, val), Value::Object(entries)) => {
            check_bounds(entries.len() as i64, shape, path, Bounded::Items, out);
            for (i, (k, v)) in entries.iter().enumerate() {
                check_string(k, *key, catalogue::shape(*key), &child(&item(path, i), "key"), out);
                check(v, *val, &child(&item(path, i), "value"), out);
            }
        }
        _ => out.push(type_problem(shape, value, path)),
    }
}

/// Checks one present member: its value, shape, path, and where its problems go.
type CheckMember<'a> = dyn FnMut(&Value, ShapeId, String, &mut Vec<Problem>) + 'a;

/// The members of a structure: each present one through `each`, then missing required members
/// and unknown members.
fn check_members(
    object: &serde_json::Map<String, Value>,
    id: ShapeId,
    path: &str,
    out: &mut Vec<Problem>,
    each: &mut CheckMember,
) {
    let shape = catalogue::shape(id);
    for member in shape.members() {
        let member_path = child(path, member.name);
        match object.get(member.name) {
            Some(v) => each(v, member.shape, member_path, out),
            None if member.required => {
                out.push(Problem::error(member_path, "required", "Required.").with_detail("Member must not be null"))
            }
            None => {}
        }
    }
    for key in object.keys().filter(|k| shape.member(k).is_none()) {
        out.push(Problem::error(
            child(path, key),
            "unknown-member",
            format!("`{}` is not a member of {}.", isolate(key), shape.name),
        ));
    }
}

fn fits(shape: &Shape, n: i64) -> bool {
    !matches!(shape.kind, Kind::Integer) || i32::try_from(n).is_ok()
}

fn type_problem(shape: &Shape, value: &Value, path: &str) -> Problem {
    let wanted = match shape.kind {
        Kind::String => "text",
        Kind::Integer => "a whole number (32-bit)",
        Kind::Long => "a whole number",
        Kind::Boolean => "true or false",
        Kind::Structure(_) => "an object",
        Kind::List(_) => "a list",
        Kind::Map(..) => "an object of names and values",
    };
    let found = match value {
        Value::String(s) => format!("\"{}\"", isolate(&s.chars().take(40).collect::<String>())),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    };
    Problem::error(path, "type", format!("Must be {wanted} (this is {found})."))
}

fn check_string(s: &str, id: ShapeId, shape: &Shape, path: &str, out: &mut Vec<Problem>) {
    let len = s.chars().count();
    check_bounds(len as i64, shape, path, Bounded::Length, out);
    if !shape.enum_values.is_empty() && !shape.enum_values.contains(&s) {
        let hint = match shape.enum_values.iter().find(|e| e.eq_ignore_ascii_case(s)) {
            Some(close) => format!(" Did you mean {close}? Values are case sensitive."),
            None => String::new(),
        };
        out.push(
            Problem::error(
                path,
                "enum",
                format!("\"{}\" is not one of the {} allowed values.{hint}", isolate(s), shape.enum_values.len()),
            )
            .with_detail(format!("Member must satisfy enum value set: [{}]", shape.enum_values.join(", "))),
        );
    }
    // A value already too long gets no pattern check: the length message says what to fix, and
    // matching costs time in proportion to the length.
    let too_long = len as i64 > shape.max.unwrap_or(MAX_PATTERN_INPUT);
    if let (Some(pattern), Some(java), false) = (pattern_of(id), shape.pattern, too_long) {
        if let Some(misfit) = pattern.misfit(s) {
            out.push(
                Problem::error(path, "pattern", misfit.message())
                    .with_detail(format!("Member must satisfy regular expression pattern: {java}")),
            );
        }
    }
}

/// What a shape's min and max bound.
#[derive(Clone, Copy)]
enum Bounded {
    /// A text's length in characters.
    Length,
    /// A list's or map's number of entries.
    Items,
    /// A number's value.
    Value,
}

/// The min/max problems of `n`, worded for what it measures, with the service's wording below.
fn check_bounds(n: i64, shape: &Shape, path: &str, what: Bounded, out: &mut Vec<Problem>) {
    let (min_code, max_code, this, service) = match what {
        Bounded::Length => ("length.min", "length.max", "this one has", "length"),
        Bounded::Items => ("items.min", "items.max", "this has", "length"),
        Bounded::Value => ("range.min", "range.max", "this is", "value"),
    };
    let amount = |limit: i64| match what {
        Bounded::Length => plural(limit as usize, "character", "characters"),
        Bounded::Items => plural(limit as usize, "entry", "entries"),
        Bounded::Value => limit.to_string(),
    };
    if let Some(min) = shape.min.filter(|min| n < *min) {
        out.push(
            Problem::error(path, min_code, format!("At least {} ({this} {n}).", amount(min)))
                .with_detail(format!("Member must have {service} greater than or equal to {min}")),
        );
    }
    if let Some(max) = shape.max.filter(|max| n > *max) {
        out.push(
            Problem::error(path, max_code, format!("At most {} ({this} {n}).", amount(max)))
                .with_detail(format!("Member must have {service} less than or equal to {max}")),
        );
    }
}
