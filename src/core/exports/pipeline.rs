//! A SageMaker pipeline definition (schema version 2020-12-01) with one Training step, written as
//! the SageMaker Python SDK's `PipelineSession` writes a `TrainingStep`: its `Arguments` are the
//! request less what a pipeline sets for each run (the job's name, the experiment and trial, and
//! the SDK's `sagemaker_job_name` hyperparameter).

use serde_json::{json, Value};

use super::Written;
use crate::core::json::pretty;

/// The definition, and what the step leaves to the pipeline.
pub fn definition(body: &Value) -> Written {
    let mut arguments = body.as_object().cloned().unwrap_or_default();
    let mut notes = Vec::new();
    if let Some(name) = arguments.remove("TrainingJobName") {
        notes.push(format!(
            "TrainingJobName ({}) is not in the step: the pipeline names the job of each run itself.",
            name.as_str().unwrap_or_default()
        ));
    }
    if let Some(experiment) = arguments.get_mut("ExperimentConfig") {
        let display_name =
            experiment.get("TrialComponentDisplayName").filter(|n| n.as_str().is_some_and(|n| !n.is_empty()));
        let kept = display_name.cloned();
        let others: Vec<String> = experiment
            .as_object()
            .map(|e| e.keys().filter(|k| *k != "TrialComponentDisplayName").cloned().collect())
            .unwrap_or_default();
        if !others.is_empty() {
            notes.push(format!(
                "ExperimentConfig.{} is not in the step: PipelineExperimentConfig names the experiment and trial of \
                 each run.",
                others.join(", ExperimentConfig.")
            ));
        }
        match kept {
            Some(name) => *experiment = json!({ "TrialComponentDisplayName": name }),
            None => {
                arguments.remove("ExperimentConfig");
            }
        }
    }
    let job_name_hyperparameter = arguments
        .get_mut("HyperParameters")
        .and_then(Value::as_object_mut)
        .and_then(|h| h.remove("sagemaker_job_name"));
    if job_name_hyperparameter.is_some() {
        notes.push(
            "HyperParameters.sagemaker_job_name is not in the step: it names a job, and the pipeline names each \
             run's job."
                .into(),
        );
    }
    let definition = json!({
        "Version": "2020-12-01",
        "Metadata": {},
        "Parameters": [],
        "PipelineExperimentConfig": {
            "ExperimentName": { "Get": "Execution.PipelineName" },
            "TrialName": { "Get": "Execution.PipelineExecutionId" }
        },
        "Steps": [{ "Name": step_name(&super::job_name(body)), "Type": "Training", "Arguments": arguments }]
    });
    Written { text: pretty(&definition), notes }
}

/// A step name (letters, digits, `-` and `_`, at most 64): the job's name.
pub fn step_name(job: &str) -> String {
    job.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).take(64).collect()
}
