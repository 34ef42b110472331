use serde_json::json;
use tjs::core::draft::{Draft, Node};
use tjs::core::json::pretty;
use tjs::core::path::FormPath;

/// A form path from its text, as a control's `data-path` gives it.
fn form_path(text: &str) -> FormPath {
    FormPath::parse(text)
}

#[test]
fn an_empty_draft_sends_an_empty_body() {
    assert_eq!(Draft::new().body(), json!({}));
}

#[test]
fn the_body_omits_unset_members_and_keeps_model_order() {
    let mut d = Draft::new();
    d.set_text(&form_path("StoppingCondition.MaxRuntimeInSeconds"), "3600");
    d.set_text(&form_path("TrainingJobName"), "job-1");
    d.set_text(&form_path("ResourceConfig.InstanceCount"), "12a");
    d.set_text(&form_path("ResourceConfig.VolumeSizeInGB"), "");
    d.set_text(&form_path("InputDataConfig[0].ChannelName"), "");
    d.set_text(&form_path("InputDataConfig[0].DataSource.S3DataSource.S3Uri"), "s3://b/train");
    d.push(&form_path("HyperParameters"));
    d.push(&form_path("HyperParameters")); // blank: not sent
    d.set_key(&form_path("HyperParameters"), 0, "epochs");
    d.set_text(&form_path("EnableManagedSpotTraining"), "false");
    let body = d.body();
    assert_eq!(
        pretty(&body),
        pretty(&json!({
            "TrainingJobName": "job-1",
            "HyperParameters": { "epochs": "" },
            "InputDataConfig": [{
                // Required and cleared inside a structure that is sent: "" (behaviour §4).
                "ChannelName": "",
                "DataSource": { "S3DataSource": { "S3Uri": "s3://b/train" } }
            }],
            "ResourceConfig": { "InstanceCount": "12a" },
            "StoppingCondition": { "MaxRuntimeInSeconds": 3600 },
            "EnableManagedSpotTraining": false
        }))
    );
    let keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "TrainingJobName",
            "HyperParameters",
            "InputDataConfig",
            "ResourceConfig",
            "StoppingCondition",
            "EnableManagedSpotTraining"
        ]
    );
}

#[test]
fn a_structure_with_only_empty_fields_is_not_sent() {
    let mut d = Draft::new();
    d.set_text(&form_path("OutputDataConfig.S3OutputPath"), "");
    d.push(&form_path("Tags"));
    assert_eq!(d.body(), json!({}));
}

#[test]
fn import_keeps_everything_and_exports_it_unchanged() {
    let text = r#"{
      "TrainingJobName": "job-1",
      "HyperParameters": { "epochs": "10", "lr": "0.1" },
      "AlgorithmSpecification": { "TrainingImage": "img:1", "TrainingInputMode": "file", "EnableSageMakerMetricsTimeSeries": true },
      "RoleArn": "arn:aws:iam::123456789012:role/R",
      "InputDataConfig": [
        { "ChannelName": "train", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/t" } }, "ContentType": "" },
        { "ChannelName": 7, "DataSource": {} }
      ],
      "OutputDataConfig": { "S3OutputPath": "s3://b/out" },
      "ResourceConfig": { "InstanceType": "ml.m99.huge", "InstanceCount": "2", "VolumeSizeInGB": 30.5 },
      "StoppingCondition": { "MaxRuntimeInSeconds": 3600 },
      "Tags": [],
      "Unknown": { "kept": true }
    }"#;
    let draft = Draft::import(text).unwrap();
    assert_eq!(draft.text(&form_path("InputDataConfig[0].ChannelName")), "train");
    assert_eq!(draft.text(&form_path("ResourceConfig.InstanceType")), "ml.m99.huge");
    assert_eq!(draft.text(&form_path("ResourceConfig.InstanceCount")), "2");
    assert_eq!(draft.node(&form_path("ResourceConfig.InstanceCount")), Some(&Node::Raw(json!("2"))));
    assert_eq!(draft.key(&form_path("HyperParameters"), 1), "lr");
    assert_eq!(draft.text(&form_path("HyperParameters[1]")), "0.1");
    assert_eq!(draft.text(&form_path("HyperParameters[1].value")), "0.1");
    let original: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(draft.body(), original);
    // Members come back in the model's order, unknown members last.
    assert_eq!(draft.body().as_object().unwrap().keys().next_back().unwrap(), "Unknown");
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
fn list_and_map_edits_keep_ids() {
    let mut d = Draft::new();
    let a = d.push(&form_path("InputDataConfig")).unwrap();
    let b = d.push(&form_path("InputDataConfig")).unwrap();
    d.set_text(&form_path("InputDataConfig[0].ChannelName"), "a");
    d.set_text(&form_path("InputDataConfig[1].ChannelName"), "b");
    d.shift(&form_path("InputDataConfig"), b, -1);
    assert_eq!(d.ids(&form_path("InputDataConfig")), [b, a]);
    assert_eq!(d.text(&form_path("InputDataConfig[0].ChannelName")), "b");
    d.shift(&form_path("InputDataConfig"), b, -1); // already first: stays
    d.remove(&form_path("InputDataConfig"), b);
    assert_eq!(d.ids(&form_path("InputDataConfig")), [a]);
    // Paths outside the catalogue are refused, not invented.
    d.set_text(&form_path("NoSuchMember"), "x");
    d.set_text(&form_path("ResourceConfig.Nope"), "x");
    assert_eq!(d.body(), json!({ "InputDataConfig": [{ "ChannelName": "a" }] }));
}

#[test]
fn problem_paths_are_renumbered_to_form_rows() {
    let mut d = Draft::new();
    d.push(&form_path("HyperParameters")); // blank row 0: not sent
    d.push(&form_path("HyperParameters"));
    d.set_text(&form_path("HyperParameters[1].value"), "v");
    d.push(&form_path("InputDataConfig")); // blank channel 0
    d.set_text(&form_path("InputDataConfig[1].ChannelName"), "x");
    let (body, paths) = d.export();
    assert_eq!(body["InputDataConfig"].as_array().unwrap().len(), 1);
    assert_eq!(paths.form_path("HyperParameters[0].key"), "HyperParameters[1].key");
    assert_eq!(paths.form_path("InputDataConfig[0].DataSource"), "InputDataConfig[1].DataSource");
    assert_eq!(paths.form_path("InputDataConfig[0]"), "InputDataConfig[1]");
    assert_eq!(paths.form_path("TrainingJobName"), "TrainingJobName");
}

#[test]
fn repeated_map_keys_are_flagged_on_the_later_row() {
    let mut d = Draft::new();
    for (i, (k, v)) in [("a", "1"), ("b", "2"), ("a", "3")].iter().enumerate() {
        d.push(&form_path("Environment"));
        d.set_key(&form_path("Environment"), i, *k);
        d.set_text(&form_path(&format!("Environment[{i}].value")), *v);
    }
    let (body, paths) = d.export();
    assert_eq!(body, json!({ "Environment": { "a": "1", "b": "2" } }));
    let problems: Vec<_> = tjs::core::validate::validate_export(&body, &paths)
        .into_iter()
        .filter(|p| p.code == "rule.unique-names")
        .collect();
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].path.as_str(), problems[0].code), ("Environment[2].key", "rule.unique-names"));
}

#[test]
fn new_structure_items_send_required_text_as_empty() {
    let mut d = Draft::new();
    d.push(&form_path("Tags"));
    assert_eq!(d.body(), json!({}));
    d.set_text(&form_path("Tags[0].Key"), "team");
    assert_eq!(d.body(), json!({ "Tags": [{ "Key": "team", "Value": "" }] }));
    assert!(d.is_set(&form_path("Tags")));
    d.clear(&form_path("Tags"));
    assert!(!d.is_set(&form_path("Tags")));
    d.set_text(&form_path("InputDataConfig[0].DataSource.S3DataSource.S3Uri"), "s3://b/k");
    d.clear(&form_path("InputDataConfig[0].DataSource.S3DataSource"));
    assert_eq!(d.body(), json!({}));
}

#[test]
fn editing_inside_a_wrongly_typed_import_replaces_it() {
    let mut d = Draft::import(r#"{"VpcConfig": [], "Tags": {"a": 1}, "HyperParameters": "x"}"#).unwrap();
    d.set_text(&form_path("VpcConfig.Subnets[0]"), "subnet-1");
    d.set_text(&form_path("Tags[0].Key"), "k");
    d.push(&form_path("HyperParameters"));
    d.set_key(&form_path("HyperParameters"), 0, "epochs");
    assert_eq!(
        d.body(),
        json!({ "HyperParameters": { "epochs": "" }, "VpcConfig": { "Subnets": ["subnet-1"] }, "Tags": [{ "Key": "k" }] })
    );
}

#[test]
fn named_map_entries_are_added_changed_and_removed() {
    let mut draft = Draft::new();
    assert!(draft.set_named(&form_path("HyperParameters"), "num_round", "10"), "a new row changes the layout");
    assert!(!draft.set_named(&form_path("HyperParameters"), "num_round", "100"), "a new value does not");
    assert!(draft.set_named(&form_path("HyperParameters"), "eta", "0.3"));
    assert_eq!(draft.row_named(&form_path("HyperParameters"), "eta"), Some(1));
    assert_eq!(draft.body(), serde_json::json!({"HyperParameters": {"num_round": "100", "eta": "0.3"}}));
    assert!(draft.set_named(&form_path("HyperParameters"), "num_round", ""), "clearing removes the row");
    assert!(!draft.set_named(&form_path("HyperParameters"), "absent", ""));
    assert_eq!(draft.body(), serde_json::json!({"HyperParameters": {"eta": "0.3"}}));
    assert_eq!(draft.row_named(&form_path("HyperParameters"), "num_round"), None);
}

#[test]
fn switching_a_one_of_choice_sets_the_other_values_aside_and_brings_them_back() {
    let source = "InputDataConfig[0].DataSource";
    let paths: Vec<FormPath> = ["S3DataSource", "FileSystemDataSource", "DatasetSource"]
        .iter()
        .map(|a| form_path(&format!("{source}.{a}")))
        .collect();
    let mut draft = Draft::new();
    draft.set_text(&form_path("InputDataConfig[0].ChannelName"), "train");
    draft.set_text(&form_path(&format!("{source}.S3DataSource.S3Uri")), "s3://b/train/");
    draft.set_text(&form_path(&format!("{source}.S3DataSource.S3DataType")), "S3Prefix");
    let with_s3 = draft.body();
    // To a file system: only it is sent, and the S3 values are not.
    draft.choose(&paths, 1);
    draft.set_text(&form_path(&format!("{source}.FileSystemDataSource.FileSystemId")), "fs-1");
    let body = draft.body();
    assert!(body.pointer("/InputDataConfig/0/DataSource/S3DataSource").is_none());
    assert_eq!(body.pointer("/InputDataConfig/0/DataSource/FileSystemDataSource/FileSystemId"), Some(&json!("fs-1")));
    // Back to S3: the URI and type come back, and the file system is set aside in turn.
    draft.choose(&paths, 0);
    assert_eq!(draft.body(), with_s3);
    draft.choose(&paths, 1);
    assert_eq!(draft.text(&form_path(&format!("{source}.FileSystemDataSource.FileSystemId"))), "fs-1");
    // Values typed after switching win over what was set aside.
    draft.set_text(&form_path(&format!("{source}.S3DataSource.S3Uri")), "s3://b/other/");
    draft.choose(&paths, 0);
    assert_eq!(draft.text(&form_path(&format!("{source}.S3DataSource.S3Uri"))), "s3://b/other/");
    assert_eq!(draft.text(&form_path(&format!("{source}.S3DataSource.S3DataType"))), "");
}

#[test]
fn what_was_set_aside_is_forgotten_when_its_list_item_moves_or_goes() {
    let paths: Vec<FormPath> =
        ["AlgorithmSpecification.TrainingImage", "AlgorithmSpecification.AlgorithmName"].map(form_path).to_vec();
    let mut draft = Draft::new();
    draft.set_text(&paths[0], "123.dkr.ecr.us-east-1.amazonaws.com/x:1");
    draft.choose(&paths, 1);
    draft.choose(&paths, 0);
    assert_eq!(draft.text(&paths[0]), "123.dkr.ecr.us-east-1.amazonaws.com/x:1");
    // A channel set aside, then the channel removed: nothing comes back into another channel.
    let source = |i: usize| format!("InputDataConfig[{i}].DataSource");
    let s3 = |i: usize| {
        vec![
            form_path(&format!("{}.S3DataSource", source(i))),
            form_path(&format!("{}.FileSystemDataSource", source(i))),
        ]
    };
    draft.set_text(&form_path(&format!("{}.S3DataSource.S3Uri", source(0))), "s3://b/zero/");
    draft.set_text(&form_path(&format!("{}.S3DataSource.S3Uri", source(1))), "s3://b/one/");
    draft.choose(&s3(0), 1);
    let first = draft.ids(&form_path("InputDataConfig"))[0];
    draft.remove(&form_path("InputDataConfig"), first);
    draft.clear(&form_path(&format!("{}.S3DataSource", source(0))));
    draft.choose(&s3(0), 0);
    assert_eq!(draft.text(&form_path(&format!("{}.S3DataSource.S3Uri", source(0)))), "");
}

#[test]
fn the_first_difference_names_the_control_an_undo_changes() {
    let path = FormPath::parse;
    let mut before = Draft::new();
    before.set_text(&path("TrainingJobName"), "a");
    before.set_text(&path("ResourceConfig.InstanceCount"), "1");
    let mut after = before.clone();
    assert_eq!(before.first_difference(&after), None);
    after.set_text(&path("ResourceConfig.InstanceCount"), "2");
    assert_eq!(before.first_difference(&after), Some(path("ResourceConfig.InstanceCount")));
    // A member set on one side only.
    let mut more = before.clone();
    more.set_text(&path("StoppingCondition.MaxRuntimeInSeconds"), "60");
    assert_eq!(before.first_difference(&more), Some(path("StoppingCondition.MaxRuntimeInSeconds")));
    assert_eq!(more.first_difference(&before), Some(path("StoppingCondition.MaxRuntimeInSeconds")));
    // A row's value, a row's key, and rows that came.
    let map = path("HyperParameters");
    before.set_named(&map, "eta", "0.2");
    let mut value = before.clone();
    value.set_named(&map, "eta", "0.3");
    assert_eq!(before.first_difference(&value), Some(path("HyperParameters[0].value")));
    let mut key = before.clone();
    key.set_key(&map, 0, "gamma");
    assert_eq!(before.first_difference(&key), Some(path("HyperParameters[0].key")));
    let mut row = before.clone();
    row.set_named(&map, "gamma", "1");
    assert_eq!(before.first_difference(&row), Some(map));
}

#[test]
fn a_channel_the_user_adds_reads_an_s3_prefix_as_the_console_starts_it() {
    let channels = FormPath::parse("InputDataConfig");
    let mut draft = Draft::new();
    draft.push_new(&channels);
    assert_eq!(draft.text(&FormPath::parse("InputDataConfig[0].DataSource.S3DataSource.S3DataType")), "S3Prefix");
    // Other lists start empty, and a plain push presets nothing.
    draft.push(&channels);
    assert_eq!(draft.text(&FormPath::parse("InputDataConfig[1].DataSource.S3DataSource.S3DataType")), "");
    let mut tags = Draft::new();
    tags.push_new(&FormPath::parse("Tags"));
    assert_eq!(tags.body(), json!({}));
}
