//! Step Functions task states that run the job and wait for it.

use serde_json::{json, Map, Value};

use crate::core::json::pretty;

/// The Step Functions integration that runs a training job and waits for it.
pub const STATES_RESOURCE: &str = "arn:aws:states:::sagemaker:createTrainingJob.sync";

/// A task state that runs the job under each execution's own name. A job name can be used once
/// only, so a state with a fixed name fails from the second run on; the state's `Comment` says
/// so, and what names the executions then need.
pub fn per_execution(body: &Value) -> String {
    let mut parameters = Map::new();
    parameters.insert("TrainingJobName.$".into(), json!("$$.Execution.Name"));
    if let Some(members) = body.as_object() {
        parameters.extend(members.iter().filter(|(k, _)| *k != "TrainingJobName").map(|(k, v)| (k.clone(), v.clone())));
    }
    pretty(&json!({
        "Type": "Task",
        "Comment": "The training job takes the execution's name ($$.Execution.Name): SageMaker never \
                    accepts a job name twice, so a fixed name would fail from the second run on. Name \
                    executions as jobs are named (letters, digits and hyphens, at most 63); the \
                    names Step Functions makes up (UUIDs) are fine.",
        "Resource": STATES_RESOURCE,
        "Parameters": parameters,
        "End": true
    }))
}

/// A task state that runs the job under the form's job name.
pub fn with_this_name(body: &Value) -> String {
    pretty(&json!({ "Type": "Task", "Resource": STATES_RESOURCE, "Parameters": body, "End": true }))
}
