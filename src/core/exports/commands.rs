//! The AWS CLI commands and the boto3 script: the request sent as it is.

use serde_json::Value;

use super::python;
use super::quote::{double_quoted, shell_word};

/// `aws sagemaker create-training-job --cli-input-json file://<name>.json`, for the JSON file
/// the user downloads next to it.
pub fn cli_file(name: &str, region: &str) -> String {
    let name = if name.trim().is_empty() { "training-job" } else { name.trim() };
    let file = format!("file://{name}.json");
    // A name the form would refuse may hold what a shell reads: then the word is quoted.
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let file = if plain { file } else { shell_word(&file) };
    format!("aws sagemaker create-training-job --region {region} --cli-input-json {file}")
}

/// The same with the body inline, quoted for POSIX shells.
pub fn cli_inline(body: &Value, region: &str) -> String {
    format!("aws sagemaker create-training-job --region {region} --cli-input-json {}", shell_word(&body.to_string()))
}

/// A boto3 script that sends the body.
pub fn boto3(body: &Value, region: &str) -> String {
    format!(
        "import boto3\n\nsagemaker = boto3.client(\"sagemaker\", region_name={})\n\
         response = sagemaker.create_training_job(**{})\nprint(response[\"TrainingJobArn\"])\n",
        double_quoted(region),
        python::literal(body, 0)
    )
}
