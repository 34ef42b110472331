//! Bringing requests in (behaviour §5): import recognises a request body, an AWS CLI skeleton, a
//! Step Functions task state and a DescribeTrainingJob response, and says what it left out. The
//! exports are in `core::exports`.

use serde_json::{json, Map, Value};

use super::catalogue;
use super::draft::Draft;
use super::json::{self, JsonError};

/// What an imported text was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A `CreateTrainingJob` request body, taken as it is.
    Request,
    /// The output of `aws sagemaker create-training-job --generate-cli-skeleton`: its placeholder
    /// values are left out.
    CliSkeleton,
    /// A Step Functions task state: its `Parameters` are the request, and members that take their
    /// value at run time (`Key.$`) are left out.
    StepFunctionsTask,
    /// A `DescribeTrainingJob` response, cloned as a new job: output-only members are left out and
    /// the job gets a new name.
    DescribeResponse,
}

impl Format {
    /// Every format; [`read_import_answer`] finds the one whose [`Format::describe`] text the
    /// worker sent.
    pub const ALL: [Format; 4] =
        [Format::Request, Format::CliSkeleton, Format::StepFunctionsTask, Format::DescribeResponse];

    /// What the import report calls it: `a CreateTrainingJob request`. The service worker's answer
    /// names the format by this text too, so each text is unique.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Request => "a CreateTrainingJob request",
            Format::CliSkeleton => "an AWS CLI skeleton (its placeholder values were left out)",
            Format::StepFunctionsTask => "a Step Functions task state (its Parameters)",
            Format::DescribeResponse => "a DescribeTrainingJob response (cloned as a new job)",
        }
    }
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The imported request, ready to edit.
    pub draft: Draft,
    /// What the text was recognised as.
    pub format: Format,
    /// What was left out, and why, one line each.
    pub left_out: Vec<String>,
    /// What was changed, or is worth knowing, one line each.
    pub notes: Vec<String>,
}

/// What a cloned job is being made for: a unique name and the region it will be submitted to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CloneFor {
    /// Makes the proposed name of a cloned job unique (the browser passes the time, such as
    /// `20261126-1049`).
    pub name_suffix: String,
    /// The Submit region, to compare with what the SageMaker Python SDK recorded; empty when
    /// unknown.
    pub region: String,
}

/// Imports any supported format.
pub fn import(text: &str, clone: &CloneFor) -> Result<Imported, JsonError> {
    let Value::Object(mut root) = json::parse(text)? else {
        return Err(JsonError { message: "The request must be a JSON object ({ ... }).".into(), line: 1, column: 1 });
    };
    let mut left_out = Vec::new();
    let mut notes = Vec::new();
    let format = if root.get("Type").and_then(Value::as_str) == Some("Task") && root.contains_key("Parameters") {
        let resource = root.get("Resource").and_then(Value::as_str).unwrap_or_default();
        if !resource.to_ascii_lowercase().contains("sagemaker:createtrainingjob") {
            left_out.push(format!(
                "The task's Resource is {resource}, not a SageMaker training job; its Parameters were read anyway."
            ));
        }
        root = match root.remove("Parameters") {
            Some(Value::Object(parameters)) => parameters,
            _ => {
                return Err(JsonError {
                    message: "The task state's Parameters must be an object.".into(),
                    line: 1,
                    column: 1,
                })
            }
        };
        drop_dynamic(&mut root, "", &mut left_out);
        Format::StepFunctionsTask
    } else if ["TrainingJobArn", "TrainingJobStatus", "CreationTime"].iter().any(|k| root.contains_key(*k)) {
        Format::DescribeResponse
    } else if root.get("TrainingJobName") == Some(&json!("")) && root.get("RoleArn") == Some(&json!("")) {
        Format::CliSkeleton
    } else {
        Format::Request
    };
    // Other tools write `null` for a member that is not set, and a response holds `[]` for a list
    // the job did not have: neither is a value the service would take back.
    left_out.extend(drop_unset(&mut root));
    match format {
        Format::DescribeResponse => clone_described_job(&mut root, clone, &mut left_out, &mut notes),
        Format::CliSkeleton => {
            let mut skeleton = Value::Object(std::mem::take(&mut root));
            let mut dropped = 0;
            drop_placeholders(&mut skeleton, Some(super::catalogue::ROOT), &mut dropped);
            if let Value::Object(map) = skeleton {
                root = map;
            }
            if dropped > 0 {
                left_out.push(format!("{dropped} placeholder values of the skeleton (\"\", 0, true, KeyName, each choice's first option)."));
            }
            let mut taken = Vec::new();
            leaf_paths(&Value::Object(root.clone()), "", &mut taken);
            if !taken.is_empty() {
                notes.push(format!("Taken from the skeleton as values someone chose: {}.", taken.join(", ")));
            }
        }
        Format::Request | Format::StepFunctionsTask => {}
    }
    Ok(Imported { draft: Draft::from_value(&Value::Object(root)), format, left_out, notes })
}

/// Leaves out the members whose value is `null`, an empty list or an empty object (also one
/// emptied by this), and list items that are `null`; says what it left out, in one line.
fn drop_unset(root: &mut Map<String, Value>) -> Option<String> {
    // Paths of what was left out, by kind: null, empty list, empty object.
    let mut dropped: [Vec<String>; 3] = Default::default();
    fn kind(value: &Value) -> Option<usize> {
        match value {
            Value::Null => Some(0),
            Value::Array(items) if items.is_empty() => Some(1),
            Value::Object(members) if members.is_empty() => Some(2),
            _ => None,
        }
    }
    fn walk(value: &mut Value, path: &str, dropped: &mut [Vec<String>; 3]) {
        match value {
            Value::Object(members) => members.retain(|key, child| {
                let at = super::path::child(path, key);
                walk(child, &at, dropped);
                kind(child).map(|k| dropped[k].push(at)).is_none()
            }),
            Value::Array(items) => {
                let mut index = 0;
                items.retain_mut(|item| {
                    let at = super::path::item(path, index);
                    index += 1;
                    walk(item, &at, dropped);
                    // A `null` item holds nothing; an empty object item is an entry the user sees.
                    !(item.is_null() && {
                        dropped[0].push(at);
                        true
                    })
                })
            }
            _ => {}
        }
    }
    let mut value = Value::Object(std::mem::take(root));
    walk(&mut value, "", &mut dropped);
    if let Value::Object(map) = value {
        *root = map;
    }
    let [nulls, lists, objects] = &dropped;
    let parts: Vec<String> = [
        (nulls, "member that was null", "members that were null"),
        (lists, "empty list", "empty lists"),
        (objects, "empty object", "empty objects"),
    ]
    .iter()
    .filter(|(paths, _, _)| !paths.is_empty())
    .map(|(paths, one, many)| {
        let what = if paths.len() == 1 { one } else { many };
        format!("{} {what} ({})", paths.len(), paths.join(", "))
    })
    .collect();
    (!parts.is_empty()).then(|| format!("As not set: {}.", parts.join(", ")))
}

/// The string map that holds the hyperparameters.
const HYPERPARAMETERS: &str = "HyperParameters";
/// What the SageMaker Python SDK adds to a job's hyperparameters: the job's own name (framework
/// containers use it, for example in checkpoint and output paths) and the region it ran in.
const SDK_JOB_NAME: &str = "sagemaker_job_name";
const SDK_REGION: &str = "sagemaker_region";

/// Keeps the request members of a described job, without what SageMaker added.
fn clone_described_job(
    root: &mut Map<String, Value>,
    clone: &CloneFor,
    left_out: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    let request = catalogue::shape(catalogue::ROOT);
    let output_only: Vec<String> = root.keys().filter(|k| request.member(k).is_none()).cloned().collect();
    for key in &output_only {
        root.remove(key);
    }
    if !output_only.is_empty() {
        left_out.push(format!("Output-only members: {}.", output_only.join(", ")));
    }
    // With an algorithm resource, SageMaker fills in the algorithm's own metric definitions;
    // sending them back is an error (rule.metric-definitions-builtin).
    if let Some(spec) = root.get_mut("AlgorithmSpecification").and_then(Value::as_object_mut) {
        if spec.contains_key("AlgorithmName") && spec.remove("MetricDefinitions").is_some() {
            left_out.push(
                "AlgorithmSpecification.MetricDefinitions, which SageMaker adds for an algorithm resource.".into(),
            );
        }
    }
    if let Some(name) = root.get("TrainingJobName").and_then(Value::as_str) {
        let new_name = unique_name(name, &clone.name_suffix);
        notes.push(format!("The job name {name} is now {new_name}: a new job needs a new name."));
        follow_sdk_job_name(root, &new_name, notes);
        root.insert("TrainingJobName".into(), Value::String(new_name));
    }
    let recorded_region = root.get(HYPERPARAMETERS).and_then(|h| h.get(SDK_REGION)).and_then(Value::as_str);
    if let Some(recorded) = recorded_region {
        let recorded = recorded.trim_matches('"');
        if !clone.region.is_empty() && recorded != clone.region {
            notes.push(format!(
                "The hyperparameter {SDK_REGION} says {recorded}, but the Submit region is {}. The SageMaker \
                 Python SDK's containers read it: change it or the region so that they agree.",
                clone.region
            ));
        }
    }
}

/// The SDK's `sagemaker_job_name` hyperparameter names the job itself: in a clone it names the
/// new job, quoted as it was (the SDK writes it as a JSON string, `"\"name\""`).
fn follow_sdk_job_name(root: &mut Map<String, Value>, new_name: &str, notes: &mut Vec<String>) {
    let Some(value) = root.get_mut(HYPERPARAMETERS).and_then(|h| h.get_mut(SDK_JOB_NAME)) else { return };
    let Some(old) = value.as_str() else { return };
    let quoted = old.len() >= 2 && old.starts_with('"') && old.ends_with('"');
    let new = if quoted { Value::String(new_name.to_string()).to_string() } else { new_name.to_string() };
    notes.push(format!("The hyperparameter {SDK_JOB_NAME} is now {new}, following the new job name."));
    *value = Value::String(new);
}

/// `name-suffix`, shortened to the 63 characters a job name may have.
pub fn unique_name(name: &str, suffix: &str) -> String {
    let max = catalogue::shape_at(&["TrainingJobName"]).and_then(|s| s.max).unwrap_or(63) as usize;
    let keep = max.saturating_sub(suffix.chars().count() + 1);
    let stem: String = name.chars().take(keep).collect();
    format!("{}-{suffix}", stem.trim_end_matches('-'))
}

/// Step Functions `Key.$` members take their value from the state input at run time; the form
/// cannot hold them.
fn drop_dynamic(object: &mut Map<String, Value>, path: &str, left_out: &mut Vec<String>) {
    let dynamic: Vec<String> = object.keys().filter(|k| k.ends_with(".$")).cloned().collect();
    for key in dynamic {
        let value = object.remove(&key).unwrap_or_default();
        let at = super::path::child(path, &key);
        left_out.push(format!(
            "{at} = {value}: a value from the state input, which only exists at run time; set it in the form."
        ));
    }
    for (key, value) in object.iter_mut() {
        let at = super::path::child(path, key);
        match value {
            Value::Object(child) => drop_dynamic(child, &at, left_out),
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    if let Value::Object(child) = item {
                        drop_dynamic(child, &super::path::item(&at, i), left_out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `aws sagemaker create-training-job --generate-cli-skeleton` fills every member with a
/// placeholder: "" for text, 0 for numbers, true for booleans, `KeyName` for map keys, and an
/// enum's first value (`Pipe`, `ManifestFile`, `ml.m4.xlarge`) for a choice. All of them go,
/// counted in `dropped`; whatever else is there was written by someone and stays. `shape` is the
/// value's shape in the model, `None` for members the model does not have.
fn drop_placeholders(value: &mut Value, shape: Option<super::catalogue::ShapeId>, dropped: &mut usize) -> bool {
    use super::catalogue::{self, Kind};
    let shape = shape.map(catalogue::shape);
    let placeholder = match value {
        Value::String(s) => {
            s.is_empty() || shape.and_then(|shape| shape.enum_values.first()).is_some_and(|first| s == first)
        }
        Value::Number(_) | Value::Bool(_) | Value::Null => true,
        Value::Array(items) => {
            let item = shape.and_then(|shape| match shape.kind {
                Kind::List(item) => Some(item),
                _ => None,
            });
            items.retain_mut(|v| !drop_placeholders(v, item, dropped));
            return items.is_empty();
        }
        Value::Object(object) => {
            object.retain(|key, v| {
                let member = shape.and_then(|shape| match shape.kind {
                    Kind::Structure(members) => members.iter().find(|m| m.name == key).map(|m| m.shape),
                    Kind::Map(_, value) => Some(value),
                    _ => None,
                });
                if key == "KeyName" {
                    *dropped += 1;
                    return false;
                }
                !drop_placeholders(v, member, dropped)
            });
            return object.is_empty();
        }
    };
    if placeholder {
        *dropped += 1;
    }
    placeholder
}

/// The paths (behaviour §3 form) of every leaf under `value`.
fn leaf_paths(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => object.iter().for_each(|(key, v)| leaf_paths(v, &super::path::child(path, key), out)),
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| leaf_paths(v, &super::path::item(path, i), out))
        }
        _ => out.push(path.to_string()),
    }
}
