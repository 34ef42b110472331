//! Moving requests in and out (SPEC S5): the export formats, and import that recognises a
//! request body, an AWS CLI skeleton, a Step Functions task state and a DescribeTrainingJob
//! response, and says what it left out.

use serde_json::{json, Map, Value};

use super::catalogue;
use super::draft::Draft;
use super::json::{self, pretty, JsonError};

/// The Step Functions integration that runs a training job and waits for it.
pub const STATES_RESOURCE: &str = "arn:aws:states:::sagemaker:createTrainingJob.sync";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Request,
    CliSkeleton,
    StepFunctionsTask,
    DescribeResponse,
}

impl Format {
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
    pub draft: Draft,
    pub format: Format,
    /// What was left out, and why, one line each.
    pub left_out: Vec<String>,
}

/// Imports any supported format. `name_suffix` makes the proposed name of a cloned job unique
/// (the browser passes the time, such as `20261126-1049`).
pub fn import(text: &str, name_suffix: &str) -> Result<Imported, JsonError> {
    let Value::Object(mut root) = json::parse(text)? else {
        return Err(JsonError { message: "The request must be a JSON object ({ ... }).".into(), line: 1, column: 1 });
    };
    let mut left_out = Vec::new();
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
        clone_described_job(&mut root, name_suffix, &mut left_out);
        Format::DescribeResponse
    } else if root.get("TrainingJobName") == Some(&json!("")) && root.get("RoleArn") == Some(&json!("")) {
        let mut skeleton = Value::Object(std::mem::take(&mut root));
        drop_placeholders(&mut skeleton);
        root = match skeleton {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        Format::CliSkeleton
    } else {
        Format::Request
    };
    Ok(Imported { draft: Draft::from_value(&Value::Object(root)), format, left_out })
}

/// Keeps the request members of a described job, without what SageMaker added.
fn clone_described_job(root: &mut Map<String, Value>, name_suffix: &str, left_out: &mut Vec<String>) {
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
        let new_name = unique_name(name, name_suffix);
        left_out.push(format!("The job name {name}: a new job needs a new name, so it is now {new_name}."));
        root.insert("TrainingJobName".into(), Value::String(new_name));
    }
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
        let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        left_out.push(format!(
            "{at} = {value}: a value from the state input, which only exists at run time; set it in the form."
        ));
    }
    for (key, value) in object.iter_mut() {
        let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        match value {
            Value::Object(child) => drop_dynamic(child, &at, left_out),
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    if let Value::Object(child) = item {
                        drop_dynamic(child, &format!("{at}[{i}]"), left_out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `aws sagemaker create-training-job --generate-cli-skeleton` fills every member with a
/// placeholder: "" for text, 0 for numbers, true for booleans, `KeyName` for map keys.
fn drop_placeholders(value: &mut Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Number(_) | Value::Bool(_) | Value::Null => true,
        Value::Array(items) => {
            items.retain_mut(|v| !drop_placeholders(v));
            items.is_empty()
        }
        Value::Object(object) => {
            object.retain(|k, v| k != "KeyName" && !drop_placeholders(v));
            object.is_empty()
        }
    }
}

/// `aws sagemaker create-training-job --cli-input-json file://<name>.json`.
pub fn cli_file(name: &str, region: &str) -> String {
    let name = if name.trim().is_empty() { "training-job" } else { name.trim() };
    format!("aws sagemaker create-training-job --region {region} --cli-input-json file://{name}.json")
}

/// The same with the body inline, quoted for POSIX shells.
pub fn cli_inline(body: &Value, region: &str) -> String {
    let compact = body.to_string().replace('\'', r"'\''");
    format!("aws sagemaker create-training-job --region {region} --cli-input-json '{compact}'")
}

/// A boto3 snippet that sends the body.
pub fn boto3(body: &Value, region: &str) -> String {
    format!(
        "import boto3\n\nsagemaker = boto3.client(\"sagemaker\", region_name=\"{region}\")\n\
         response = sagemaker.create_training_job(**{})\nprint(response[\"TrainingJobArn\"])\n",
        python_literal(body, 0)
    )
}

/// JSON as a Python literal: JSON strings are valid Python strings; true, false, null differ.
fn python_literal(value: &Value, indent: usize) -> String {
    let pad = "    ".repeat(indent + 1);
    let close = "    ".repeat(indent);
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(_) => value.to_string(),
        Value::Array(items) if items.is_empty() => "[]".into(),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(|v| format!("{pad}{}", python_literal(v, indent + 1))).collect();
            format!("[\n{},\n{close}]", inner.join(",\n"))
        }
        Value::Object(object) if object.is_empty() => "{}".into(),
        Value::Object(object) => {
            let inner: Vec<String> = object
                .iter()
                .map(|(k, v)| format!("{pad}{}: {}", Value::String(k.clone()), python_literal(v, indent + 1)))
                .collect();
            format!("{{\n{},\n{close}}}", inner.join(",\n"))
        }
    }
}

/// A Step Functions task state that runs the job and waits for it.
pub fn step_functions(body: &Value) -> String {
    pretty(&json!({ "Type": "Task", "Resource": STATES_RESOURCE, "Parameters": body, "End": true }))
}
