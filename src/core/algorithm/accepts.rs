//! What a built-in algorithm accepts (`data/accepts.json`): its hyperparameters, channels, input
//! modes and instances, and the judgement of one hyperparameter value that both the checks and
//! the typed controls use.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::core::unicode::isolate;

/// The tables of one built-in algorithm.
#[derive(Debug, Clone, Deserialize)]
pub struct Accepts {
    /// The image catalogue's key.
    pub key: String,
    /// How people call it: `XGBoost`, `k-means`.
    pub name: String,
    /// Where each table's facts come from.
    #[serde(default)]
    pub sources: BTreeMap<String, Vec<String>>,
    /// Image versions whose facts differ, matched in order; hyperparameters name the profiles
    /// they belong to.
    #[serde(default)]
    pub profiles: Vec<Profile>,
    /// Every hyperparameter any of its images reads; each names the profiles it belongs to (see
    /// [`Accepts::hyperparameters_for`]).
    pub hyperparameters: Vec<Hyperparameter>,
    /// The channels its images read, unless `channels_by_profile` has an entry for the image's
    /// profile.
    #[serde(default)]
    pub channels: Channels,
    /// Channels that differ by profile.
    #[serde(default)]
    pub channels_by_profile: BTreeMap<String, Channels>,
    /// The input modes (`File`, `Pipe`, `FastFile`) its images read, unless
    /// `input_modes_by_profile` has an entry for the image's profile; empty means unknown, and then
    /// no mode is reported.
    #[serde(default)]
    pub input_modes: Vec<String>,
    /// Input modes that differ by profile, keyed by profile name.
    #[serde(default)]
    pub input_modes_by_profile: BTreeMap<String, Vec<String>>,
    /// The channel content types its sources list (`text/csv`, `application/x-recordio-protobuf`).
    /// A recorded fact: no check reads it yet.
    #[serde(default)]
    pub content_types: Vec<String>,
    /// Which instances its images train on, unless `instances_by_profile` has an entry for the
    /// image's profile; [`InstanceRule::Any`] when the sources set no limit.
    #[serde(default)]
    pub instances: InstanceRule,
    /// Instance rules that differ by profile.
    #[serde(default)]
    pub instances_by_profile: BTreeMap<String, InstanceRule>,
    /// Whether it can train on more than one instance; `None` when the sources do not say. A
    /// recorded fact: no check reads it yet.
    #[serde(default)]
    pub distributed: Option<bool>,
}

/// A group of image tags that accept the same things.
#[derive(Debug, Clone, Deserialize)]
pub struct Profile {
    /// The profile's name, as hyperparameters and the `*_by_profile` tables refer to it (`legacy`,
    /// `1.7`).
    pub profile: String,
    /// Exact tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// A tag prefix.
    #[serde(default)]
    pub prefix: Option<String>,
}

/// The channels an algorithm reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Channels {
    /// The channel names it reads; empty means any.
    #[serde(default)]
    pub names: Vec<String>,
    /// The channel names a job must have; a missing one is reported.
    #[serde(default)]
    pub required: Vec<String>,
}

/// Which instances it trains on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstanceRule {
    /// CPU, GPU and Neuron instances alike; also what applies when the tables say nothing.
    #[default]
    Any,
    /// Only instances with GPUs (`gpu-only` in the data file).
    GpuOnly,
    /// Only instances without GPUs or Neuron chips (`cpu-only` in the data file).
    CpuOnly,
}

/// What a hyperparameter's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HyperparameterKind {
    /// A whole number, written as one: `1.0` is not accepted.
    Integer,
    /// Any number as Python's `float` reads one, `1e-3`, `inf` and `nan` included.
    Continuous,
    /// One of the hyperparameter's `values`, compared without case; any value when it lists none.
    Categorical,
    /// Free text; any value is accepted.
    Text,
}

impl HyperparameterKind {
    /// Its name in messages: `integer`, `continuous`, `categorical`, `text`.
    pub fn key(self) -> &'static str {
        match self {
            HyperparameterKind::Integer => "integer",
            HyperparameterKind::Continuous => "continuous",
            HyperparameterKind::Categorical => "categorical",
            HyperparameterKind::Text => "text",
        }
    }

    /// The kind [`HyperparameterKind::key`] names.
    pub fn from_key(key: &str) -> Option<HyperparameterKind> {
        use HyperparameterKind::*;
        [Integer, Continuous, Categorical, Text].into_iter().find(|k| k.key() == key)
    }
}

/// One hyperparameter of an algorithm.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Hyperparameter {
    /// The key in `HyperParameters`, exactly as the container reads it (`num_round`, `_kvstore`).
    pub name: String,
    /// What its value must be, which decides how [`Hyperparameter::judge`] reads it.
    pub kind: HyperparameterKind,
    /// The lowest number allowed, itself included unless `min_open`; `None` for no lower bound.
    #[serde(default)]
    pub min: Option<f64>,
    /// The highest number allowed, itself included unless `max_open`; `None` for no upper bound.
    #[serde(default)]
    pub max: Option<f64>,
    /// The minimum itself is not allowed.
    #[serde(default)]
    pub min_open: bool,
    /// The maximum itself is not allowed.
    #[serde(default)]
    pub max_open: bool,
    /// The allowed values of a categorical one.
    #[serde(default)]
    pub values: Vec<String>,
    /// Words accepted besides numbers, such as `auto`.
    #[serde(default)]
    pub also: Vec<String>,
    /// A job without it fails, whatever the other hyperparameters are (see also `required_when`).
    #[serde(default)]
    pub required: bool,
    /// Required only when another hyperparameter has one of these values.
    #[serde(default)]
    pub required_when: Option<BTreeMap<String, Vec<String>>>,
    /// The value the algorithm uses when it is not given, as text for the typed controls to show;
    /// `None` when the sources give none.
    #[serde(default)]
    pub default: Option<String>,
    /// One line of help, in our words.
    #[serde(default)]
    pub help: String,
    /// The profiles it belongs to; `None` for all.
    #[serde(default)]
    pub profiles: Option<Vec<String>>,
}

/// What is wrong with one hyperparameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueProblem {
    /// Not a number (or not a whole one) where one is needed.
    Type(String),
    /// Outside the range.
    Range(String),
    /// Not one of the allowed values.
    Value(String),
}

/// Accepted words are compared without case: the containers read `True` and `true` alike, and a
/// check that is too strict is worse than none.
fn same_word(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// `3` and `3.0` as numbers are written, without a needless `.0`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl Hyperparameter {
    /// Whether it applies to an image of `profile` (`None`: the image's profile is unknown, so
    /// everything applies).
    pub fn applies_to(&self, profile: Option<&str>) -> bool {
        match (&self.profiles, profile) {
            (Some(profiles), Some(profile)) => profiles.iter().any(|p| p == profile),
            _ => true,
        }
    }

    /// The range as people read it: `0 to 1`, `at least 1`, `more than 0`.
    pub fn range_text(&self) -> Option<String> {
        let low = self.min.map(|m| (number(m), self.min_open));
        let high = self.max.map(|m| (number(m), self.max_open));
        Some(match (low, high) {
            (Some((lo, false)), Some((hi, false))) => format!("{lo} to {hi}"),
            (Some((lo, lo_open)), Some((hi, hi_open))) => format!(
                "{} {lo} and {} {hi}",
                if lo_open { "more than" } else { "at least" },
                if hi_open { "less than" } else { "at most" }
            ),
            (Some((lo, false)), None) => format!("at least {lo}"),
            (Some((lo, true)), None) => format!("more than {lo}"),
            (None, Some((hi, false))) => format!("at most {hi}"),
            (None, Some((hi, true))) => format!("less than {hi}"),
            (None, None) => return None,
        })
    }

    /// What the value must be, for messages and hints: "an integer of at least 1".
    pub fn expectation(&self) -> String {
        let range = match self.range_text() {
            None => String::new(),
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit() || c == '-') => format!(" from {r}"),
            Some(r) => format!(" of {r}"),
        };
        let also = if self.also.is_empty() { String::new() } else { format!(", or {}", self.also.join(" or ")) };
        match self.kind {
            HyperparameterKind::Integer => format!("an integer{range}{also}"),
            HyperparameterKind::Continuous => format!("a number{range}{also}"),
            HyperparameterKind::Categorical => format!("one of {}", self.values.join(", ")),
            HyperparameterKind::Text => "text".into(),
        }
    }

    /// Judges one value as the container would read it.
    pub fn judge(&self, value: &str) -> Option<ValueProblem> {
        let trimmed = value.trim();
        if self.also.iter().any(|a| same_word(a, trimmed)) {
            return None;
        }
        let n = match self.kind {
            HyperparameterKind::Text => return None,
            HyperparameterKind::Categorical => {
                return (!self.values.is_empty() && !self.values.iter().any(|v| same_word(v, trimmed)))
                    .then(|| ValueProblem::Value(format!("\"{}\" is not {}", isolate(value), self.expectation())));
            }
            HyperparameterKind::Integer => match trimmed.parse::<i64>() {
                Ok(n) => n as f64,
                Err(_) => return Some(ValueProblem::Type(format!("\"{}\" is not a whole number", isolate(value)))),
            },
            // As Python reads it: `1e-3`, `inf` and `nan` are numbers too, and `nan` is outside
            // no range.
            HyperparameterKind::Continuous => match trimmed.parse::<f64>() {
                Ok(n) => n,
                Err(_) => return Some(ValueProblem::Type(format!("\"{}\" is not a number", isolate(value)))),
            },
        };
        let below = self.min.is_some_and(|m| if self.min_open { n <= m } else { n < m });
        let above = self.max.is_some_and(|m| if self.max_open { n >= m } else { n > m });
        (below || above).then(|| ValueProblem::Range(format!("{} is out of range", number(n))))
    }
}

impl Accepts {
    /// The profile of an image tag, if the algorithm has profiles and one matches.
    pub fn profile_of(&self, tag: &str) -> Option<&str> {
        self.profiles
            .iter()
            .find(|p| p.tags.iter().any(|t| t == tag) || p.prefix.as_deref().is_some_and(|pre| tag.starts_with(pre)))
            .map(|p| p.profile.as_str())
    }

    /// The hyperparameters an image of `profile` reads.
    pub fn hyperparameters_for<'a>(
        &'a self,
        profile: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Hyperparameter> + 'a {
        self.hyperparameters.iter().filter(move |h| h.applies_to(profile))
    }

    /// The channels an image of `profile` reads.
    pub fn channels_for(&self, profile: Option<&str>) -> &Channels {
        profile.and_then(|p| self.channels_by_profile.get(p)).unwrap_or(&self.channels)
    }

    /// The input modes an image of `profile` reads.
    pub fn input_modes_for(&self, profile: Option<&str>) -> &[String] {
        profile.and_then(|p| self.input_modes_by_profile.get(p)).unwrap_or(&self.input_modes)
    }

    /// The instance rule for an image of `profile`.
    pub fn instances_for(&self, profile: Option<&str>) -> InstanceRule {
        profile.and_then(|p| self.instances_by_profile.get(p).copied()).unwrap_or(self.instances)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn integer(min: Option<f64>, max: Option<f64>) -> Hyperparameter {
        Hyperparameter {
            name: "n".into(),
            kind: HyperparameterKind::Integer,
            min,
            max,
            min_open: false,
            max_open: false,
            values: vec![],
            also: vec![],
            required: false,
            required_when: None,
            default: None,
            help: String::new(),
            profiles: None,
        }
    }

    #[test]
    fn judges_values() {
        let n = integer(Some(1.0), None);
        assert_eq!(n.judge("10"), None);
        assert_eq!(n.judge(" 10 "), None);
        assert!(matches!(n.judge("ten"), Some(ValueProblem::Type(_))));
        assert!(matches!(n.judge("1.5"), Some(ValueProblem::Type(_))));
        assert!(matches!(n.judge("0"), Some(ValueProblem::Range(_))));
        assert_eq!(n.expectation(), "an integer of at least 1");
        let eta = Hyperparameter { kind: HyperparameterKind::Continuous, ..integer(Some(0.0), Some(1.0)) };
        assert_eq!(eta.judge("0.3"), None);
        assert_eq!(eta.judge("1e-2"), None);
        assert!(matches!(eta.judge("2"), Some(ValueProblem::Range(_))));
        assert_eq!(eta.judge("NaN"), None);
        assert!(matches!(eta.judge("one"), Some(ValueProblem::Type(_))));
        assert_eq!(eta.expectation(), "a number from 0 to 1");
        let open = Hyperparameter { min_open: true, ..eta.clone() };
        assert!(matches!(open.judge("0"), Some(ValueProblem::Range(_))));
        assert_eq!(open.expectation(), "a number of more than 0 and at most 1");
        let auto = Hyperparameter { also: vec!["auto".into()], ..eta };
        assert_eq!(auto.judge("Auto"), None);
        let choice = Hyperparameter {
            kind: HyperparameterKind::Categorical,
            values: vec!["true".into(), "false".into()],
            ..integer(None, None)
        };
        assert_eq!(choice.judge("True"), None);
        assert!(matches!(choice.judge("yes"), Some(ValueProblem::Value(_))));
    }
}
