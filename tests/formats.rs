//! Export formats and import of every supported format (behaviour §5), and the templates.

use serde_json::{json, Value};
use tjs::core::exports::{commands, step_functions, ExportFormat};
use tjs::core::formats::{self, CloneFor, Format};
use tjs::core::json::pretty;
use tjs::core::problem::Severity;
use tjs::core::templates::{template_url, TEMPLATES};

/// The request JSON of the template `id`, as the browser fetches it.
fn template_text(id: &str) -> Option<String> {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(template_url(id))).ok()
}
use tjs::core::validate::validate;

/// Imports `text` as the browser would, with `suffix` for a cloned job's new name.
fn import(text: &str, suffix: &str) -> formats::Imported {
    formats::import(text, &CloneFor { name_suffix: suffix.into(), region: "us-east-1".into() })
        .unwrap_or_else(|e| panic!("{e}"))
}

fn request() -> Value {
    serde_json::from_str(&template_text(TEMPLATES[0].0).unwrap()).unwrap()
}

#[test]
fn every_template_is_a_valid_request() {
    assert_eq!(TEMPLATES.len(), 5);
    for (id, _) in TEMPLATES {
        let text = template_text(id).unwrap_or_else(|| panic!("{id} has no file"));
        let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{id}: {e}"));
        let errors: Vec<_> = validate(&body).into_iter().filter(|p| p.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
        // And it survives the form unchanged.
        assert_eq!(import(&text, "x").draft.body(), body, "{id}");
    }
}

#[test]
fn a_request_body_imports_as_is() {
    let imported = import(&pretty(&request()), "x");
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
    let imported = import(&described.to_string(), "20261126-1049");
    assert_eq!(imported.format, Format::DescribeResponse);
    let mut expected = request();
    expected["TrainingJobName"] = json!("xgboost-csv-20261126-1049");
    assert_eq!(imported.draft.body(), expected);
    assert!(imported.left_out[0]
        .contains("TrainingJobArn, TrainingJobStatus, CreationTime, ModelArtifacts, ResponseMetadata"));
    assert!(imported.notes[0].contains("xgboost-csv-20261126-1049"));
}

#[test]
fn metric_definitions_injected_for_an_algorithm_are_dropped() {
    let described = json!({
        "TrainingJobName": "algo", "TrainingJobArn": "arn:x", "RoleArn": "arn:aws:iam::123456789012:role/R",
        "AlgorithmSpecification": { "AlgorithmName": "my-algo", "TrainingInputMode": "File",
            "MetricDefinitions": [{ "Name": "validation:rmse", "Regex": ".*" }] }
    });
    let imported = import(&described.to_string(), "2");
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
    let task =
        json!({ "Type": "Task", "Resource": step_functions::STATES_RESOURCE, "Parameters": parameters, "End": true });
    let imported = import(&task.to_string(), "x");
    assert_eq!(imported.format, Format::StepFunctionsTask);
    let body = imported.draft.body();
    assert!(body.get("TrainingJobName").is_none());
    assert_eq!(body["OutputDataConfig"], json!({ "S3OutputPath": "s3://my-bucket/xgboost/output/" }));
    assert_eq!(imported.left_out.len(), 2);
    assert!(imported.left_out[0].starts_with("TrainingJobName.$"));
    assert!(imported.left_out[1].starts_with("OutputDataConfig.S3OutputPath.$"));
    // And our own export reads back.
    let exported = step_functions::with_this_name(&request());
    assert_eq!(import(&exported, "x").draft.body(), request());
}

#[test]
fn a_step_functions_task_can_name_each_job_after_its_execution() {
    let state: Value = serde_json::from_str(&step_functions::per_execution(&request())).unwrap();
    let parameters = state["Parameters"].as_object().unwrap();
    assert_eq!(parameters["TrainingJobName.$"], "$$.Execution.Name");
    assert!(parameters.get("TrainingJobName").is_none(), "a fixed name fails the second run");
    assert!(state["Comment"].as_str().unwrap().contains("twice"));
    // Read back, it is the request without the name, which the execution gives.
    let imported = import(&state.to_string(), "x");
    let mut unnamed = request();
    unnamed.as_object_mut().unwrap().remove("TrainingJobName");
    assert_eq!(imported.draft.body(), unnamed);
    assert!(imported.left_out[0].starts_with("TrainingJobName.$"));
    assert_eq!(
        ExportFormat::StepFunctionsExecution.write(&request(), "").text.trim_end(),
        step_functions::per_execution(&request())
    );
}

#[test]
fn a_cli_skeleton_leaves_its_placeholders_out() {
    // As the CLI writes it: "" for text, 0, true, KeyName, and each enum's first value (issue 13
    // item 16); the user chose File and ml.m5.xlarge.
    let skeleton = json!({
        "TrainingJobName": "", "HyperParameters": { "KeyName": "" },
        "AlgorithmSpecification": { "TrainingImage": "", "AlgorithmName": "", "TrainingInputMode": "File",
            "MetricDefinitions": [{ "Name": "", "Regex": "" }], "EnableSageMakerMetricsTimeSeries": true },
        "RoleArn": "",
        "InputDataConfig": [{ "ChannelName": "", "DataSource": { "S3DataSource": { "S3DataType": "ManifestFile", "S3Uri": "" } },
            "InputMode": "Pipe" }],
        "ResourceConfig": { "InstanceType": "ml.m4.xlarge", "InstanceCount": 0, "VolumeSizeInGB": 0 },
        "EnableNetworkIsolation": true, "Tags": [{ "Key": "", "Value": "" }]
    });
    let imported = import(&skeleton.to_string(), "x");
    assert_eq!(imported.format, Format::CliSkeleton);
    assert_eq!(imported.draft.body(), json!({ "AlgorithmSpecification": { "TrainingInputMode": "File" } }));
    assert_eq!(imported.left_out.len(), 1, "{:?}", imported.left_out);
    assert!(imported.left_out[0].starts_with("18 placeholder values of the skeleton"), "{:?}", imported.left_out);
    assert_eq!(
        imported.notes,
        ["Taken from the skeleton as values someone chose: AlgorithmSpecification.TrainingInputMode."]
    );
    // A choice that is not the first is someone's, wherever it is.
    let chosen = json!({ "TrainingJobName": "", "RoleArn": "", "ResourceConfig": { "InstanceType": "ml.m5.xlarge" } });
    let imported = import(&chosen.to_string(), "x");
    assert_eq!(imported.draft.body(), json!({ "ResourceConfig": { "InstanceType": "ml.m5.xlarge" } }));
}

#[test]
fn export_formats() {
    let body = json!({ "TrainingJobName": "it's", "EnableNetworkIsolation": true, "Tags": [], "X": null, "N": 1.5 });
    assert_eq!(
        commands::cli_file("my-job", "eu-west-1"),
        "aws sagemaker create-training-job --region eu-west-1 --cli-input-json file://my-job.json"
    );
    assert_eq!(
        commands::cli_inline(&body, "us-east-1"),
        r#"aws sagemaker create-training-job --region us-east-1 --cli-input-json '{"TrainingJobName":"it'\''s","EnableNetworkIsolation":true,"Tags":[],"X":null,"N":1.5}'"#
    );
    let python = commands::boto3(&body, "us-east-1");
    assert!(python.contains("boto3.client(\"sagemaker\", region_name=\"us-east-1\")"));
    assert!(python.contains("    \"EnableNetworkIsolation\": True,\n"));
    assert!(python.contains("    \"Tags\": [],\n    \"X\": None,\n    \"N\": 1.5,\n}"));
    let state: Value = serde_json::from_str(&step_functions::with_this_name(&body)).unwrap();
    assert_eq!(state["Resource"], "arn:aws:states:::sagemaker:createTrainingJob.sync");
    assert_eq!(state["Parameters"], body);
}

/// The boto3 snippet is Python that builds exactly the body (checked with the machine's python3,
/// when there is one).
#[test]
fn the_boto3_snippet_is_python_that_builds_the_body() {
    let body: Value = serde_json::from_str(&template_text(TEMPLATES[1].0).unwrap()).unwrap();
    let snippet = commands::boto3(&body, "us-east-1");
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

/// A DescribeTrainingJob response from tests/fixtures/describe.
fn described(file: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/describe/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The errors the form would show for `body`.
fn errors(body: &Value) -> Vec<String> {
    validate(body).into_iter().filter(|p| p.severity == Severity::Error).map(|p| format!("{p:?}")).collect()
}

#[test]
fn real_describe_responses_clone_into_requests_with_no_errors() {
    for file in ["moto.json", "every-output-member.json", "mxnet-sdk-no-channels.json", "nulls-from-another-tool.json"]
    {
        let imported = import(&described(file), "20261126-1049");
        assert_eq!(imported.format, Format::DescribeResponse, "{file}");
        let body = imported.draft.body();
        assert_eq!(errors(&body), Vec::<String>::new(), "{file}");
        assert!(body["TrainingJobName"].as_str().unwrap().ends_with("-20261126-1049"), "{file}");
        assert!(body.get("TrainingJobArn").is_none(), "{file}");
    }
}

#[test]
fn every_output_only_member_is_left_out_and_listed() {
    let imported = import(&described("every-output-member.json"), "2");
    let mut expected: Value = serde_json::from_str(include_str!("fixtures/valid.json")).unwrap();
    expected["TrainingJobName"] = json!("xgboost-2026-11-26-2");
    assert_eq!(imported.draft.body(), expected);
    for member in [
        "TrainingJobArn",
        "TuningJobArn",
        "WarmPoolStatus",
        "SecondaryStatusTransitions",
        "BillableTokenCount",
        "DebugRuleEvaluationStatuses",
        "MlflowDetails",
        "ProgressInfo",
        "OutputModelPackageArn",
        "ResponseMetadata",
    ] {
        assert!(imported.left_out[0].contains(member), "{member}: {}", imported.left_out[0]);
    }
}

#[test]
fn an_empty_list_in_a_response_means_not_set() {
    let imported = import(&described("mxnet-sdk-no-channels.json"), "20261126-1049");
    let body = imported.draft.body();
    assert!(body.get("InputDataConfig").is_none());
    assert_eq!(imported.left_out, ["As not set: 1 empty list (InputDataConfig).", &imported.left_out[1]]);
    assert!(imported.left_out[1].starts_with("Output-only members: TrainingJobArn, ModelArtifacts"));
}

#[test]
fn nulls_empty_lists_and_empty_objects_are_left_out_and_counted() {
    let imported = import(&described("nulls-from-another-tool.json"), "x");
    let body = imported.draft.body();
    assert_eq!(
        body["AlgorithmSpecification"],
        json!({
        "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", "TrainingInputMode": "File" })
    );
    assert_eq!(
        body["InputDataConfig"][0]["DataSource"],
        json!({ "S3DataSource": {
        "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/churn/train/", "S3DataDistributionType": "FullyReplicated" } })
    );
    assert!(body.get("VpcConfig").is_none() && body.get("Environment").is_none() && body.get("Tags").is_none());
    let line = &imported.left_out[0];
    assert!(line.starts_with("As not set: 18 members that were null (FailureReason, TuningJobArn, "), "{line}");
    assert!(line.contains("InputDataConfig[0].DataSource.FileSystemDataSource, "), "{line}");
    assert!(line.ends_with(", 1 empty list (Tags), 1 empty object (Environment)."), "{line}");
}

#[test]
fn nulls_are_unset_in_any_format_and_emptied_objects_go_too() {
    let mut request = request();
    request["VpcConfig"] = json!({ "SecurityGroupIds": [], "Subnets": null });
    request["Tags"] = json!([null, { "Key": "team", "Value": "ml" }]);
    let imported = import(&request.to_string(), "x");
    assert_eq!(imported.format, Format::Request);
    let body = imported.draft.body();
    assert!(body.get("VpcConfig").is_none());
    assert_eq!(body["Tags"], json!([{ "Key": "team", "Value": "ml" }]));
    assert_eq!(
        imported.left_out,
        ["As not set: 2 members that were null (VpcConfig.Subnets, Tags[0]), 1 empty list (VpcConfig.SecurityGroupIds), \
          1 empty object (VpcConfig)."]
    );
}

#[test]
fn the_sdk_job_name_follows_the_clone_and_keeps_its_quotes() {
    let imported = import(&described("mxnet-sdk-no-channels.json"), "20261126-1049");
    let hyperparameters = &imported.draft.body()["HyperParameters"];
    assert_eq!(hyperparameters["sagemaker_job_name"], json!("\"mxnet-mnist-2019-03-04-17-22-41-806-20261126-1049\""));
    // The SDK's other hyperparameters are the user's to change.
    assert_eq!(hyperparameters["sagemaker_program"], json!("\"mnist.py\""));
    assert_eq!(hyperparameters["sagemaker_region"], json!("\"us-west-2\""));
    assert_eq!(
        hyperparameters["sagemaker_submit_directory"],
        json!("\"s3://sagemaker-us-west-2-123456789012/mxnet-mnist-2019-03-04-17-22-41-806/source/sourcedir.tar.gz\"")
    );
    assert!(
        imported.notes[1].contains("sagemaker_job_name is now \"mxnet-mnist-2019-03-04-17-22-41-806-20261126-1049\"")
    );
    // Unquoted, it stays unquoted.
    let mut unquoted: Value = serde_json::from_str(&described("mxnet-sdk-no-channels.json")).unwrap();
    unquoted["HyperParameters"]["sagemaker_job_name"] = json!("mxnet-mnist");
    let imported = import(&unquoted.to_string(), "2");
    assert_eq!(
        imported.draft.body()["HyperParameters"]["sagemaker_job_name"],
        json!("mxnet-mnist-2019-03-04-17-22-41-806-2")
    );
}

#[test]
fn a_submit_region_other_than_the_sdks_is_pointed_out_and_nothing_changes() {
    let text = described("mxnet-sdk-no-channels.json");
    // us-east-1 (the helper's Submit region) is not the job's us-west-2.
    let imported = import(&text, "x");
    assert!(imported.notes[2].contains("sagemaker_region says us-west-2, but the Submit region is us-east-1"));
    let same = formats::import(&text, &CloneFor { name_suffix: "x".into(), region: "us-west-2".into() }).unwrap();
    assert_eq!(same.notes.len(), 2);
    assert_eq!(same.draft.body(), imported.draft.body());
    // A plain request is not a clone: its hyperparameters are not looked at.
    let request = json!({ "TrainingJobName": "a", "HyperParameters": { "sagemaker_region": "\"us-west-2\"", "sagemaker_job_name": "\"b\"" } });
    let imported = import(&request.to_string(), "x");
    assert!(imported.notes.is_empty());
    assert_eq!(imported.draft.body(), request);
}

#[test]
fn bad_responses_keep_their_precise_messages() {
    for (text, message) in
        [("[1, 2]", "must be a JSON object"), ("\"job\"", "must be a JSON object"), ("null", "must be a JSON object")]
    {
        let error = formats::import(text, &CloneFor::default()).unwrap_err();
        assert!(error.message.contains(message), "{text}: {}", error.message);
    }
    // Members of the wrong type stay and are flagged where they are, as before.
    let mut response: Value = serde_json::from_str(&described("moto.json")).unwrap();
    response["ResourceConfig"]["InstanceCount"] = json!("one");
    response["InputDataConfig"] = json!("train");
    let body = import(&response.to_string(), "x").draft.body();
    assert_eq!(body["InputDataConfig"], json!("train"));
    let errors = errors(&body);
    assert!(errors.iter().any(|e| e.contains("ResourceConfig.InstanceCount")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("\"InputDataConfig\"")), "{errors:?}");
}
