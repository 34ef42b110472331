use serde_json::json;
use tjs::core::problem::Problem;
use tjs::core::validate::validate;

fn minimal() -> serde_json::Value {
    json!({
        "TrainingJobName": "job-1",
        "AlgorithmSpecification": { "TrainingImage": "img:1", "TrainingInputMode": "File" },
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "OutputDataConfig": { "S3OutputPath": "s3://bucket/out" },
        "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30 },
        "StoppingCondition": { "MaxRuntimeInSeconds": 3600 }
    })
}

/// Path and code of each problem, leaving out the cross-field rules (tests/rules.rs has those).
fn codes(problems: &[Problem]) -> Vec<(String, &'static str)> {
    problems.iter().filter(|p| !p.code.starts_with("rule.")).map(|p| (p.path.clone(), p.code)).collect()
}

#[test]
fn a_minimal_valid_request_has_no_problems() {
    assert_eq!(validate(&minimal()), vec![]);
}

#[test]
fn required_members_are_reported_with_their_paths() {
    let problems = validate(&json!({ "OutputDataConfig": {} }));
    assert_eq!(
        codes(&problems),
        [
            ("TrainingJobName".into(), "required"),
            ("RoleArn".into(), "required"),
            ("OutputDataConfig.S3OutputPath".into(), "required")
        ]
    );
    assert_eq!(problems[0].detail.as_deref(), Some("Member must not be null"));
}

#[test]
fn length_and_pattern_messages_give_the_limit_and_the_value() {
    let mut body = minimal();
    body["TrainingJobName"] = json!("a".repeat(70));
    let p = &validate(&body)[0];
    assert_eq!((p.path.as_str(), p.code), ("TrainingJobName", "length.max"));
    assert_eq!(p.message, "At most 63 characters (this one has 70).");
    assert_eq!(p.detail.as_deref(), Some("Member must have length less than or equal to 63"));

    body["TrainingJobName"] = json!("my_job");
    let p = &validate(&body)[0];
    assert_eq!(p.code, "pattern");
    assert_eq!(
        p.detail.as_deref(),
        Some("Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
    );
}

#[test]
fn length_counts_characters_not_bytes() {
    let mut body = minimal();
    body["Tags"] = json!([{ "Key": "名".repeat(128), "Value": "" }]);
    assert_eq!(validate(&body), vec![]);
    body["Tags"] = json!([{ "Key": "名".repeat(129), "Value": "" }]);
    assert_eq!(codes(&validate(&body)), [("Tags[0].Key".into(), "length.max")]);
}

#[test]
fn enums_are_case_sensitive_and_suggest_the_right_case() {
    let mut body = minimal();
    body["AlgorithmSpecification"] = json!({ "TrainingImage": "img", "TrainingInputMode": "file" });
    let p = &validate(&body)[0];
    assert_eq!((p.path.as_str(), p.code), ("AlgorithmSpecification.TrainingInputMode", "enum"));
    assert!(p.message.contains("Did you mean File?"), "{}", p.message);
}

#[test]
fn numbers_are_typed_and_ranged() {
    let mut body = minimal();
    body["ResourceConfig"] = json!({ "InstanceType": "ml.m5.xlarge", "InstanceCount": "12a", "VolumeSizeInGB": -1, "KeepAlivePeriodInSeconds": 21601 });
    body["StoppingCondition"] = json!({ "MaxRuntimeInSeconds": 0 });
    assert_eq!(
        codes(&validate(&body)),
        [
            ("ResourceConfig.InstanceCount".into(), "type"),
            ("ResourceConfig.VolumeSizeInGB".into(), "range.min"),
            ("ResourceConfig.KeepAlivePeriodInSeconds".into(), "range.max"),
            ("StoppingCondition.MaxRuntimeInSeconds".into(), "range.min"),
        ]
    );
    body["ResourceConfig"]["InstanceCount"] = json!(3_000_000_000i64);
    assert!(codes(&validate(&body)).contains(&("ResourceConfig.InstanceCount".into(), "type")));
}

#[test]
fn map_entries_and_list_items_are_addressed_by_position() {
    let mut body = minimal();
    let mut hp = serde_json::Map::new();
    for i in 0..101 {
        hp.insert(format!("k{i}"), json!("v"));
    }
    hp.insert("long".into(), json!("x".repeat(2501)));
    body["HyperParameters"] = serde_json::Value::Object(hp);
    body["InputDataConfig"] = json!([
        { "ChannelName": "train", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/k" } } },
        { "ChannelName": "", "DataSource": {} }
    ]);
    assert_eq!(
        codes(&validate(&body)),
        [
            ("HyperParameters".into(), "items.max"),
            ("HyperParameters[101].value".into(), "length.max"),
            ("InputDataConfig[1].ChannelName".into(), "length.min"),
            ("InputDataConfig[1].ChannelName".into(), "pattern"),
        ]
    );
}

#[test]
fn unknown_members_and_wrong_types_are_reported() {
    let mut body = minimal();
    body["Bogus"] = json!(1);
    body["OutputDataConfig"]["Extra"] = json!(true);
    body["EnableNetworkIsolation"] = json!("yes");
    body["VpcConfig"] = json!([]);
    assert_eq!(
        codes(&validate(&body)),
        [
            ("OutputDataConfig.Extra".into(), "unknown-member"),
            ("VpcConfig".into(), "type"),
            ("EnableNetworkIsolation".into(), "type"),
            ("Bogus".into(), "unknown-member"),
        ]
    );
    assert_eq!(codes(&validate(&json!([1]))), [("".into(), "type")]);
}

#[test]
fn an_invisible_character_is_named_where_a_visible_one_is_quoted() {
    let mut body = minimal();
    body["TrainingJobName"] = json!("xgbc\u{200B}hurn");
    let p = &validate(&body)[0];
    assert_eq!((p.path.as_str(), p.code), ("TrainingJobName", "pattern"));
    assert_eq!(p.message, "Character 5, U+200B ZERO WIDTH SPACE, is not allowed there; `-` would be.");
    assert!(!p.message.contains("``"), "{}", p.message);
    // A character that draws something is quoted in backticks as ever.
    body["TrainingJobName"] = json!("xgb_churn");
    assert_eq!(validate(&body)[0].message, "Character 4, `_`, is not allowed there; `-` would be.");
    // A direction override in a value is named too, so that it cannot turn the message around.
    body["TrainingJobName"] = json!("job\u{202E}1");
    assert_eq!(
        validate(&body)[0].message,
        "Character 4, U+202E RIGHT-TO-LEFT OVERRIDE, is not allowed there; `-` would be."
    );
}

#[test]
fn quoted_user_text_is_isolated_from_the_message_around_it() {
    // U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE: a U+202E RIGHT-TO-LEFT
    // OVERRIDE inside ends with the quoted text.
    let key = "team\u{202E}owner";
    let isolated = format!("\u{2068}{key}\u{2069}");
    let mut body = minimal();
    body["Tags"] = json!([{ "Key": key, "Value": "a" }, { "Key": key, "Value": "b" }]);
    body["InputDataConfig"] = json!([
        { "ChannelName": "tr\u{202E}ain", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/k" } } },
        { "ChannelName": "tr\u{202E}ain", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/k" } } }
    ]);
    body["AlgorithmSpecification"]["TrainingInputMode"] = json!("Fi\u{202E}le");
    body[key] = json!(1);
    let problems = validate(&body);
    let message = |path: &str, code: &str| {
        let found = problems.iter().find(|p| p.path == path && p.code == code);
        found.unwrap_or_else(|| panic!("{path} {code}: {problems:#?}")).message.clone()
    };
    assert_eq!(
        message("Tags[1].Key", "rule.unique-names"),
        format!("Tag key \"{isolated}\" is used more than once; names must be unique.")
    );
    assert_eq!(
        message("InputDataConfig[1].ChannelName", "rule.unique-names"),
        "Channel name \"\u{2068}tr\u{202E}ain\u{2069}\" is used more than once; names must be unique."
    );
    assert!(
        message("AlgorithmSpecification.TrainingInputMode", "enum")
            .starts_with("\"\u{2068}Fi\u{202E}le\u{2069}\" is not one of the 3 allowed values."),
        "{problems:#?}"
    );
    assert_eq!(message(key, "unknown-member"), format!("`{isolated}` is not a member of CreateTrainingJobRequest."));
    // The channel name's pattern problem names the override rather than quoting it.
    assert!(message("InputDataConfig[0].ChannelName", "pattern").contains("U+202E RIGHT-TO-LEFT OVERRIDE"));
}
