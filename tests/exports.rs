//! The exports other tools run (behaviour §14), natively: names, quoting and notes. The tools
//! themselves read every export in tests/exports (Python: the SDK, python-hcl2, the ACK CRD,
//! botocore, Jinja, jsonschema).

use serde_json::{json, Value};
use tjs::core::exports::quote::{double_quoted, hcl_string, jinja_literal, shell_word};
use tjs::core::exports::schema::{ecma_pattern, request_schema};
use tjs::core::exports::{names, ExportFormat};

fn request() -> Value {
    json!({
        "TrainingJobName": "my-job",
        "RoleArn": "arn:aws:iam::123456789012:role/R",
        "AlgorithmSpecification": { "TrainingImage": "img:1", "TrainingInputMode": "File",
            "ContainerEntrypoint": ["python"] },
        "InputDataConfig": [{ "ChannelName": "train",
            "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/t/" } } }],
        "OutputDataConfig": { "S3OutputPath": "s3://b/o/", "KmsKeyId": "alias/k" },
        "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30,
            "VolumeKmsKeyId": "alias/v" },
        "StoppingCondition": { "MaxRuntimeInSeconds": 3600 },
        "EnableNetworkIsolation": false,
        "Tags": [{ "Key": "team", "Value": "ml" }],
        "ExperimentConfig": { "ExperimentName": "e", "TrialComponentDisplayName": "t" },
        "HyperParameters": { "sagemaker_job_name": "\"my-job\"", "epochs": "3" }
    })
}

#[test]
fn every_kind_has_one_key_a_label_and_a_file_name() {
    let mut keys: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.key()).collect();
    for format in ExportFormat::ALL {
        assert_eq!(ExportFormat::from_key(format.key()), Some(format));
        assert!(!format.label().is_empty());
        assert!(!format.write(&request(), "us-east-1").text.is_empty(), "{}", format.key());
    }
    // The names behaviour §14 gives `tjs export --to`.
    for kind in ["cli", "boto3", "sfn", "sdk", "pipeline", "airflow", "ack", "terraform"] {
        assert!(keys.contains(&kind), "{kind}");
    }
    keys.dedup();
    assert_eq!(keys.len(), ExportFormat::ALL.len());
    let names: Vec<String> = ExportFormat::ALL.iter().map(|f| f.file_name(&request())).collect();
    for wanted in ["my-job.py", "my-job-pipeline.json", "my_job_dag.py", "my-job.yaml", "my-job.tf"] {
        assert!(names.iter().any(|n| n == wanted), "{wanted} in {names:?}");
    }
    // A name no file should have is made safe; no name at all still gives a file.
    assert_eq!(ExportFormat::Terraform.file_name(&json!({ "TrainingJobName": "../x y" })), "..-x-y.tf");
    assert_eq!(ExportFormat::Ack.file_name(&json!({})), "training-job.yaml");
}

#[test]
fn strings_are_quoted_for_each_language() {
    assert_eq!(double_quoted("a\"b\\c\nd\te\r"), r#""a\"b\\c\nd\te\r""#);
    assert_eq!(double_quoted("\u{0}\u{7}\u{7f}\u{85}\u{2028}\u{feff}"), r#""\u0000\u0007\u007f\u0085\u2028\ufeff""#);
    assert_eq!(double_quoted("naïve 日本 🚀"), "\"naïve 日本 🚀\"");
    assert_eq!(hcl_string("${a} $${b} %{c}"), r#""$${a} $$${b} %%{c}""#);
    assert_eq!(jinja_literal("{{ a }} {%b%} {#c#} {d} {"), "{{ '{' }}{ a }} {{ '{' }}%b%} {{ '{' }}#c#} {d} {");
    assert_eq!(jinja_literal("{{{"), "{{ '{' }}{{ '{' }}{");
    assert_eq!(shell_word("it's"), r"'it'\''s'");
}

#[test]
fn ack_takes_the_crds_own_names_and_says_what_it_cannot_carry() {
    assert_eq!(names::ack_field("RoleArn"), Some("roleARN"));
    assert_eq!(
        names::ack_field("InputDataConfig.DataSource.S3DataSource.S3Uri"),
        Some("inputDataConfig.dataSource.s3DataSource.s3URI")
    );
    assert_eq!(names::ack_field("ResourceConfig.VolumeKmsKeyId"), Some("resourceConfig.volumeKMSKeyID"));
    assert_eq!(names::ack_field("AlgorithmSpecification.ContainerEntrypoint"), None);
    let written = ExportFormat::Ack.write(&request(), "us-east-1");
    assert!(written.text.contains("  roleARN: \"arn:aws:iam::123456789012:role/R\"\n"), "{}", written.text);
    assert!(written.text.contains("    volumeKMSKeyID: \"alias/v\"\n"));
    assert!(written.text.contains("  tags:\n    - key: \"team\"\n      value: \"ml\"\n"), "{}", written.text);
    // Hyperparameter names are the user's, quoted where YAML would read them otherwise.
    assert!(written.text.contains("    sagemaker_job_name: \"\\\"my-job\\\"\"\n"));
    assert_eq!(written.notes.len(), 1);
    assert!(written.notes[0].contains("AlgorithmSpecification.ContainerEntrypoint"));
    let serverless = ExportFormat::Ack.write(&json!({ "TrainingJobName": "Big_Job", "RoleArn": "r" }), "us-east-1");
    assert!(serverless.text.contains("metadata:\n  name: \"big-job\"\n"), "{}", serverless.text);
    assert!(serverless.notes.iter().any(|n| n.contains("spec.algorithmSpecification")), "{:?}", serverless.notes);
}

#[test]
fn terraform_writes_blocks_arguments_and_the_tags_map() {
    assert_eq!(names::terraform_name("ResourceConfig.VolumeSizeInGB"), Some("resource_config.volume_size_in_gb"));
    assert_eq!(
        names::terraform_name("AlgorithmSpecification.EnableSageMakerMetricsTimeSeries"),
        Some("algorithm_specification.enable_sagemaker_metrics_time_series")
    );
    assert!(names::is_terraform_block("input_data_config"));
    assert!(!names::is_terraform_block("hyper_parameters"));
    let written = ExportFormat::Terraform.write(&request(), "eu-west-1");
    let text = &written.text;
    assert!(
        text.starts_with("resource \"aws_sagemaker_training_job\" \"my-job\" {\n  region = \"eu-west-1\"\n"),
        "{text}"
    );
    assert!(text.contains("  input_data_config {\n    channel_name = \"train\"\n    data_source {\n"), "{text}");
    assert!(text.contains("  tags = {\n    \"team\" = \"ml\"\n  }\n"), "{text}");
    assert!(text.contains("    container_entrypoint = [\"python\"]\n"), "{text}");
    assert!(text.contains("  enable_network_isolation = false\n"));
    assert!(written.notes.is_empty(), "{:?}", written.notes);
    let dataset = json!({ "InputDataConfig": [{ "DataSource": { "DatasetSource": { "DatasetArn": "a" } } }] });
    let written = ExportFormat::Terraform.write(&dataset, "us-east-1");
    assert!(written.notes[0].contains("InputDataConfig.DataSource.DatasetSource"));
    assert!(written.text.contains("resource \"aws_sagemaker_training_job\" \"training-job\""));
}

#[test]
fn the_sdk_script_says_what_the_sdk_adds_leaves_out_and_cannot_carry() {
    let written = ExportFormat::Sdk.write(&request(), "eu-west-1");
    let text = &written.text;
    assert!(text.contains("boto3.Session(region_name=\"eu-west-1\")"));
    assert!(text.contains("    debugger_hook_config=False,\n    disable_profiler=True,\n"));
    assert!(text.contains("    job_name=\"my-job\",\n"));
    assert!(text.contains("\"train\": TrainingInput(s3_data_type=\"S3Prefix\", s3_data=\"s3://b/t/\")"), "{text}");
    let notes = written.notes.join("\n");
    assert!(notes.contains("ProfilerConfig.DisableProfiler true"), "{notes}");
    assert!(notes.contains("InputDataConfig[0].DataSource.S3DataSource.S3DataDistributionType FullyReplicated"));
    assert!(notes.contains("EnableNetworkIsolation (false)"));
    let algorithm = json!({ "AlgorithmSpecification": { "AlgorithmName": "arn:aws:sagemaker:us-east-1:1:algorithm/a" },
        "StoppingCondition": { "MaxPendingTimeInSeconds": 7200 } });
    let written = ExportFormat::Sdk.write(&algorithm, "us-east-1");
    let note = written.notes.iter().find(|n| n.starts_with("The SDK has no argument for")).unwrap();
    assert!(note.contains("AlgorithmSpecification.AlgorithmName") && note.contains("MaxPendingTimeInSeconds"));
    assert!(note.contains("boto3"));
    assert!(written.text.contains("# Not carried: "));
}

#[test]
fn the_pipeline_step_leaves_to_the_pipeline_what_it_sets_per_run() {
    let written = ExportFormat::Pipeline.write(&request(), "us-east-1");
    let definition: Value = serde_json::from_str(&written.text).unwrap();
    assert_eq!(definition["Version"], "2020-12-01");
    let step = &definition["Steps"][0];
    assert_eq!((step["Name"].as_str(), step["Type"].as_str()), (Some("my-job"), Some("Training")));
    let arguments = &step["Arguments"];
    assert!(arguments.get("TrainingJobName").is_none());
    assert_eq!(arguments["ExperimentConfig"], json!({ "TrialComponentDisplayName": "t" }));
    assert_eq!(arguments["HyperParameters"], json!({ "epochs": "3" }));
    assert_eq!(written.notes.len(), 3, "{:?}", written.notes);
}

#[test]
fn the_airflow_task_keeps_the_job_name_and_every_value() {
    let body = json!({ "TrainingJobName": "my-job", "HyperParameters": { "t": "{{ ds }}\r\n" } });
    let written = ExportFormat::Airflow.write(&body, "us-east-1");
    assert!(written.text.contains("action_if_job_exists=\"fail\""));
    assert!(written.text.contains(r#""t": "{{ '{' }}{ ds }}{{ '\\r' }}\n","#), "{}", written.text);
    assert!(written.text.contains("dag_id=\"train_my_job\""));
}

#[test]
fn the_schema_says_a_pattern_only_where_json_schema_reads_it_alike() {
    assert_eq!(ecma_pattern("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}").unwrap(), "^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$");
    assert_eq!(ecma_pattern(".*"), None);
    assert_eq!(ecma_pattern("[\\S\\s]*"), None);
    assert!(ecma_pattern("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)").is_none(), "Unicode classes");
    assert!(ecma_pattern("(arn:aws:x/)?([a-z]{0,62})(?<!-)").is_none(), "lookbehind");
    assert!(ecma_pattern("model/[\\S]{1,2048}").is_none(), "ECMAScript's \\S refuses spaces Java's takes");
    let schema = request_schema();
    assert_eq!(schema["required"], json!(["TrainingJobName", "RoleArn", "OutputDataConfig"]));
    assert_eq!(schema["additionalProperties"], json!(false));
    let channel = &schema["properties"]["InputDataConfig"];
    assert_eq!((channel["type"].as_str(), channel["maxItems"].as_i64()), (Some("array"), Some(20)));
    assert!(channel["items"]["description"].as_str().is_some_and(|d| !d.is_empty()));
}
