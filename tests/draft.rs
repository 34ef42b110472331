use serde_json::json;
use tjs::core::draft::Draft;
use tjs::core::json::pretty;

#[test]
fn an_empty_draft_sends_an_empty_body() {
    assert_eq!(Draft::new().body(), json!({}));
}

#[test]
fn the_body_omits_unset_members_and_keeps_model_order() {
    let mut d = Draft::new();
    d.set_field("StoppingCondition.MaxRuntimeInSeconds", "3600".into());
    d.set_field("TrainingJobName", "job-1".into());
    d.set_field("ResourceConfig.InstanceCount", "12a".into());
    d.set_field(
        "InputDataConfig[0].DataSource.S3DataSource.S3Uri",
        "s3://b/train".into(),
    );
    let id = d.add_row();
    d.add_row(); // blank: not sent
    d.hyperparameters
        .iter_mut()
        .find(|r| r.id == id)
        .unwrap()
        .key = "epochs".into();
    let body = d.body();
    assert_eq!(
        pretty(&body),
        pretty(&json!({
            "TrainingJobName": "job-1",
            "HyperParameters": { "epochs": "" },
            "InputDataConfig": [{
                "ChannelName": "",
                "DataSource": { "S3DataSource": { "S3DataType": "", "S3Uri": "s3://b/train" } }
            }],
            "ResourceConfig": { "InstanceCount": "12a" },
            "StoppingCondition": { "MaxRuntimeInSeconds": 3600 }
        }))
    );
    // Member order is the model's, not the order of typing.
    let keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "TrainingJobName",
            "HyperParameters",
            "InputDataConfig",
            "ResourceConfig",
            "StoppingCondition"
        ]
    );
}

#[test]
fn import_keeps_everything_and_exports_it_unchanged() {
    let text = r#"{
      "TrainingJobName": "job-1",
      "HyperParameters": { "epochs": "10", "lr": "0.1" },
      "AlgorithmSpecification": { "TrainingImage": "img:1", "TrainingInputMode": "File", "EnableSageMakerMetricsTimeSeries": true },
      "RoleArn": "arn:aws:iam::123456789012:role/R",
      "InputDataConfig": [
        { "ChannelName": "train", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/t", "S3DataDistributionType": "FullyReplicated" } }, "ContentType": "text/csv" },
        { "ChannelName": "validation", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/v" } } }
      ],
      "OutputDataConfig": { "S3OutputPath": "s3://b/out" },
      "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30, "KeepAlivePeriodInSeconds": 60 },
      "StoppingCondition": { "MaxRuntimeInSeconds": 3600 },
      "Tags": [{ "Key": "team", "Value": "ml" }],
      "Unknown": { "kept": true }
    }"#;
    let draft = Draft::import(text).unwrap();
    assert_eq!(draft.field("InputDataConfig[0].ChannelName"), "train");
    assert_eq!(draft.field("ResourceConfig.InstanceCount"), "1");
    assert_eq!(draft.hyperparameters.len(), 2);
    let original: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(draft.body(), original);
}

#[test]
fn failed_imports_report_a_position() {
    let e = Draft::import("{\n  \"TrainingJobName\": \"x\",\n  oops\n}").unwrap_err();
    assert_eq!((e.line, e.column), (3, 3));
    assert!(e.message.starts_with("Not valid JSON"), "{}", e.message);
    let e = Draft::import("[1, 2]").unwrap_err();
    assert!(e.message.contains("JSON object"));
    assert!(Draft::import(&"[".repeat(100_000)).is_err());
}

#[test]
fn map_problem_paths_are_renumbered_to_form_rows() {
    let mut d = Draft::new();
    d.add_row(); // blank row 0
    let id = d.add_row();
    d.hyperparameters
        .iter_mut()
        .find(|r| r.id == id)
        .unwrap()
        .value = "v".into();
    assert_eq!(
        d.form_path("HyperParameters[0].key"),
        "HyperParameters[1].key"
    );
    assert_eq!(d.form_path("TrainingJobName"), "TrainingJobName");
}
