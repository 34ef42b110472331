//! The request written for the tools that run it (behaviour §5 and §14): the AWS CLI, boto3,
//! Step Functions, the SageMaker Python SDK, SageMaker Pipelines, Airflow, AWS Controllers for
//! Kubernetes and Terraform; and a JSON Schema of the request for editors.
//!
//! Each writer is a pure function of the request (and the region where a command needs one). An
//! export never drops a member silently: what its tool cannot carry, or adds by itself, is said
//! in [`Written::notes`].
//!
//! ```
//! use tjs::core::exports::ExportFormat;
//! let body = serde_json::json!({ "TrainingJobName": "my-job" });
//! let written = ExportFormat::Terraform.write(&body, "us-east-1");
//! assert!(written.text.contains("training_job_name = \"my-job\""));
//! assert_eq!(ExportFormat::Terraform.file_name(&body), "my-job.tf");
//! ```

pub mod ack;
pub mod airflow;
pub mod commands;
pub mod names;
pub mod pipeline;
pub mod python;
pub mod quote;
// For `tjs schema`: it embeds the help text, which the browser fetches instead.
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod sdk;
pub mod step_functions;
pub mod terraform;
mod yaml;

use serde_json::Value;

/// An export's text, and what the user should know about it: members its tool cannot carry (and
/// what to use instead), and what the tool adds by itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// The text to paste or save.
    pub text: String,
    /// One sentence each; empty when the export carries the request exactly.
    pub notes: Vec<String>,
}

impl Written {
    fn exact(text: String) -> Written {
        Written { text, notes: Vec::new() }
    }
}

/// The shapes the request is exported in, besides the JSON itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `aws sagemaker create-training-job --cli-input-json file://<name>.json`.
    CliFile,
    /// The AWS CLI command with the body inline.
    CliInline,
    /// A Python script that calls boto3.
    Boto3,
    /// The SageMaker Python SDK v2: an `Estimator` and its `fit`.
    Sdk,
    /// A SageMaker pipeline definition with one Training step.
    Pipeline,
    /// A Step Functions task state whose job is named by each execution.
    StepFunctionsExecution,
    /// A Step Functions task state with this job name.
    StepFunctions,
    /// An Airflow DAG with a `SageMakerTrainingOperator` task.
    Airflow,
    /// A `TrainingJob` manifest for AWS Controllers for Kubernetes.
    Ack,
    /// A Terraform `aws_sagemaker_training_job` resource.
    Terraform,
}

impl ExportFormat {
    /// Every format, in the order the Export section offers them.
    pub const ALL: [ExportFormat; 10] = [
        ExportFormat::CliFile,
        ExportFormat::CliInline,
        ExportFormat::Boto3,
        ExportFormat::Sdk,
        ExportFormat::Pipeline,
        ExportFormat::StepFunctionsExecution,
        ExportFormat::StepFunctions,
        ExportFormat::Airflow,
        ExportFormat::Ack,
        ExportFormat::Terraform,
    ];

    /// Its kind: the name `tjs export --to` takes, the page's `data-export` hook and the message
    /// between the page and the worker all use it.
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::CliFile => "cli-file",
            ExportFormat::CliInline => "cli",
            ExportFormat::Boto3 => "boto3",
            ExportFormat::Sdk => "sdk",
            ExportFormat::Pipeline => "pipeline",
            ExportFormat::StepFunctionsExecution => "sfn-execution",
            ExportFormat::StepFunctions => "sfn",
            ExportFormat::Airflow => "airflow",
            ExportFormat::Ack => "ack",
            ExportFormat::Terraform => "terraform",
        }
    }

    /// The format [`ExportFormat::key`] names.
    pub fn from_key(key: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What the Export section calls it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::CliFile => "AWS CLI, with the JSON file",
            ExportFormat::CliInline => "AWS CLI, inline",
            ExportFormat::Boto3 => "Python (boto3)",
            ExportFormat::Sdk => "SageMaker Python SDK v2 (Estimator)",
            ExportFormat::Pipeline => "SageMaker pipeline definition",
            ExportFormat::StepFunctionsExecution => "Step Functions task state, job named by each execution",
            ExportFormat::StepFunctions => "Step Functions task state, this job name",
            ExportFormat::Airflow => "Airflow DAG (SageMakerTrainingOperator)",
            ExportFormat::Ack => "Kubernetes, AWS Controllers (ACK) manifest",
            ExportFormat::Terraform => "Terraform (aws_sagemaker_training_job)",
        }
    }

    /// The name of the file it downloads as, after the job.
    pub fn file_name(self, body: &Value) -> String {
        // A name the form would refuse may hold characters no file name should.
        let job: String = job_name(body)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' })
            .collect();
        match self {
            ExportFormat::CliFile | ExportFormat::CliInline => format!("{job}.sh"),
            ExportFormat::Boto3 => format!("{job}-boto3.py"),
            ExportFormat::Sdk => format!("{job}.py"),
            ExportFormat::Pipeline => format!("{job}-pipeline.json"),
            ExportFormat::StepFunctionsExecution | ExportFormat::StepFunctions => format!("{job}-state.json"),
            ExportFormat::Airflow => format!("{}_dag.py", job.replace('-', "_")),
            ExportFormat::Ack => format!("{job}.yaml"),
            ExportFormat::Terraform => format!("{job}.tf"),
        }
    }

    /// `body` in this format, for `region`. The text ends with a line break, as a file does.
    pub fn write(self, body: &Value, region: &str) -> Written {
        let mut written = self.write_text(body, region);
        if !written.text.ends_with('\n') {
            written.text.push('\n');
        }
        written
    }

    fn write_text(self, body: &Value, region: &str) -> Written {
        match self {
            ExportFormat::CliFile => Written::exact(commands::cli_file(&job_name(body), region)),
            ExportFormat::CliInline => Written::exact(commands::cli_inline(body, region)),
            ExportFormat::Boto3 => Written::exact(commands::boto3(body, region)),
            ExportFormat::Sdk => sdk::estimator(body, region),
            ExportFormat::Pipeline => pipeline::definition(body),
            ExportFormat::StepFunctions => Written::exact(step_functions::with_this_name(body)),
            ExportFormat::StepFunctionsExecution => Written::exact(step_functions::per_execution(body)),
            ExportFormat::Airflow => airflow::dag(body),
            ExportFormat::Ack => ack::manifest(body),
            ExportFormat::Terraform => terraform::resource(body, region),
        }
    }
}

/// `members` as a list in a sentence, and the pronoun that stands for them (`it` or `them`).
fn listed(members: &[String]) -> (String, &'static str) {
    (members.join(", "), if members.len() == 1 { "it" } else { "them" })
}

/// The request's job name, or `training-job` while it has none (file names and resource labels
/// need one).
pub fn job_name(body: &Value) -> String {
    match body.get("TrainingJobName").and_then(Value::as_str).map(str::trim) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => "training-job".to_string(),
    }
}
