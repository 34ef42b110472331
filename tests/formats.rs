//! Export formats and import of every supported format (SPEC S5), and the templates.

use serde_json::{json, Value};
use tjs::core::formats::{self, Format};
use tjs::core::json::pretty;
use tjs::core::problem::Severity;
use tjs::core::templates::{template_text, TEMPLATES};
use tjs::core::validate::validate;

fn request() -> Value {
    serde_json::from_str(template_text(TEMPLATES[0].0).unwrap()).unwrap()
}

#[test]
fn every_template_is_a_valid_request() {
    assert_eq!(TEMPLATES.len(), 5);
    for (id, _) in TEMPLATES {
        let text = template_text(id).unwrap_or_else(|| panic!("{id} has no file"));
        let body: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        let errors: Vec<_> = validate(&body).into_iter().filter(|p| p.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
        // And it survives the form unchanged.
        assert_eq!(formats::import(text, "x").unwrap().draft.body(), body, "{id}");
    }
}

#[test]
fn a_request_body_imports_as_is() {
    let imported = formats::import(&pretty(&request()), "x").unwrap();
    assert_eq!(imported.format, Format::Request);
    assert_eq!(imported.draft.body(), request());
    assert!(imported.left_out.is_empty());
}

#[test]
fn a_describe_response_is_cloned_without_output_only_members() {
    let mut described = request();
    described["TrainingJobName"] = json!("xgboost-csv");
    described["TrainingJobArn"] = json!("arn:aws:sagemaker:us-east-1:123456789012:training-job/xgboost-csv");
    described["TrainingJobStatus"] = json!("Completed");
    described["CreationTime"] = json!(1_764_150_000.5);
    described["ModelArtifacts"] = json!({ "S3ModelArtifacts": "s3://my-bucket/model.tar.gz" });
    described["ResponseMetadata"] = json!({ "HTTPStatusCode": 200 });
    let imported = formats::import(&described.to_string(), "20261126-1049").unwrap();
    assert_eq!(imported.format, Format::DescribeResponse);
    let mut expected = request();
    expected["TrainingJobName"] = json!("xgboost-csv-20261126-1049");
    assert_eq!(imported.draft.body(), expected);
    assert!(imported.left_out[0]
        .contains("TrainingJobArn, TrainingJobStatus, CreationTime, ModelArtifacts, ResponseMetadata"));
    assert!(imported.left_out[1].contains("xgboost-csv-20261126-1049"));
}

#[test]
fn metric_definitions_injected_for_an_algorithm_are_dropped() {
    let described = json!({
        "TrainingJobName": "algo", "TrainingJobArn": "arn:x", "RoleArn": "arn:aws:iam::123456789012:role/R",
        "AlgorithmSpecification": { "AlgorithmName": "my-algo", "TrainingInputMode": "File",
            "MetricDefinitions": [{ "Name": "validation:rmse", "Regex": ".*" }] }
    });
    let imported = formats::import(&described.to_string(), "2").unwrap();
    assert_eq!(
        imported.draft.body()["AlgorithmSpecification"],
        json!({ "AlgorithmName": "my-algo", "TrainingInputMode": "File" })
    );
    assert!(imported.left_out.iter().any(|l| l.contains("MetricDefinitions")));
}

#[test]
fn cloned_names_stay_within_the_limit() {
    let name = formats::unique_name(&"a".repeat(63), "20261126-1049");
    assert_eq!(name.chars().count(), 63);
    assert!(name.ends_with("-20261126-1049"));
    assert_eq!(formats::unique_name("job-", "2"), "job-2");
}

#[test]
fn a_step_functions_task_gives_its_parameters() {
    let mut parameters = request();
    parameters["TrainingJobName.$"] = json!("$.jobName");
    parameters.as_object_mut().unwrap().remove("TrainingJobName");
    parameters["OutputDataConfig"]["S3OutputPath.$"] = json!("$.output");
    let task = json!({ "Type": "Task", "Resource": formats::STATES_RESOURCE, "Parameters": parameters, "End": true });
    let imported = formats::import(&task.to_string(), "x").unwrap();
    assert_eq!(imported.format, Format::StepFunctionsTask);
    let body = imported.draft.body();
    assert!(body.get("TrainingJobName").is_none());
    assert_eq!(body["OutputDataConfig"], json!({ "S3OutputPath": "s3://my-bucket/xgboost/output/" }));
    assert_eq!(imported.left_out.len(), 2);
    assert!(imported.left_out[0].starts_with("TrainingJobName.$"));
    assert!(imported.left_out[1].starts_with("OutputDataConfig.S3OutputPath.$"));
    // And our own export reads back.
    let exported = formats::step_functions(&request());
    assert_eq!(formats::import(&exported, "x").unwrap().draft.body(), request());
}

#[test]
fn a_cli_skeleton_leaves_its_placeholders_out() {
    let skeleton = json!({
        "TrainingJobName": "", "HyperParameters": { "KeyName": "" },
        "AlgorithmSpecification": { "TrainingImage": "", "AlgorithmName": "", "TrainingInputMode": "File",
            "MetricDefinitions": [{ "Name": "", "Regex": "" }], "EnableSageMakerMetricsTimeSeries": true },
        "RoleArn": "", "ResourceConfig": { "InstanceType": "ml.m4.xlarge", "InstanceCount": 0, "VolumeSizeInGB": 0 },
        "EnableNetworkIsolation": true, "Tags": [{ "Key": "", "Value": "" }]
    });
    let imported = formats::import(&skeleton.to_string(), "x").unwrap();
    assert_eq!(imported.format, Format::CliSkeleton);
    assert_eq!(
        imported.draft.body(),
        json!({ "AlgorithmSpecification": { "TrainingInputMode": "File" }, "ResourceConfig": { "InstanceType": "ml.m4.xlarge" } })
    );
}

#[test]
fn export_formats() {
    let body = json!({ "TrainingJobName": "it's", "EnableNetworkIsolation": true, "Tags": [], "X": null, "N": 1.5 });
    assert_eq!(
        formats::cli_file("my-job", "eu-west-1"),
        "aws sagemaker create-training-job --region eu-west-1 --cli-input-json file://my-job.json"
    );
    assert_eq!(
        formats::cli_inline(&body, "us-east-1"),
        r#"aws sagemaker create-training-job --region us-east-1 --cli-input-json '{"TrainingJobName":"it'\''s","EnableNetworkIsolation":true,"Tags":[],"X":null,"N":1.5}'"#
    );
    let python = formats::boto3(&body, "us-east-1");
    assert!(python.contains("boto3.client(\"sagemaker\", region_name=\"us-east-1\")"));
    assert!(python.contains("    \"EnableNetworkIsolation\": True,\n"));
    assert!(python.contains("    \"Tags\": [],\n    \"X\": None,\n    \"N\": 1.5,\n}"));
    let state: Value = serde_json::from_str(&formats::step_functions(&body)).unwrap();
    assert_eq!(state["Resource"], "arn:aws:states:::sagemaker:createTrainingJob.sync");
    assert_eq!(state["Parameters"], body);
}

/// The boto3 snippet is Python that builds exactly the body (checked with the machine's python3,
/// when there is one).
#[test]
fn the_boto3_snippet_is_python_that_builds_the_body() {
    let body: Value = serde_json::from_str(template_text(TEMPLATES[1].0).unwrap()).unwrap();
    let snippet = formats::boto3(&body, "us-east-1");
    let check = format!(
        "import json, sys, types\ncalls = []\nboto3 = types.SimpleNamespace(client=lambda *a, **k: types.SimpleNamespace(\
         create_training_job=lambda **kw: calls.append(kw) or {{'TrainingJobArn': 'arn'}}))\nsys.modules['boto3'] = boto3\n\
         exec({snippet:?})\nprint(json.dumps(calls[0]))\n"
    );
    let Ok(out) = std::process::Command::new("python3").arg("-c").arg(&check).output() else { return };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    let built: Value = serde_json::from_str(printed.lines().last().unwrap()).unwrap();
    assert_eq!(built, body);
}
