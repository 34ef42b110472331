//! Each cross-field rule of behaviour §3: a request that breaks it, and the fix that satisfies it.

use serde_json::{json, Value};
use tjs::core::problem::Severity;
use tjs::core::validate::validate;

fn job() -> Value {
    json!({
        "TrainingJobName": "job-1",
        "AlgorithmSpecification": { "TrainingImage": "img:1", "TrainingInputMode": "File" },
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "InputDataConfig": [
            { "ChannelName": "train", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/train/" } } }
        ],
        "OutputDataConfig": { "S3OutputPath": "s3://my-bucket/out/" },
        "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30 },
        "StoppingCondition": { "MaxRuntimeInSeconds": 3600 }
    })
}

/// (path, code, is_error) of the rule problems only.
fn rules(body: &Value) -> Vec<(String, String, bool)> {
    validate(body)
        .into_iter()
        .filter(|p| p.code.starts_with("rule."))
        .map(|p| (p.path, p.code.to_string(), p.severity == Severity::Error))
        .collect()
}

fn one(path: &str, code: &str, error: bool) -> Vec<(String, String, bool)> {
    vec![(path.to_string(), code.to_string(), error)]
}

fn with(mut body: Value, pointer: &str, value: Value) -> Value {
    *body.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
    body
}

#[test]
fn the_base_job_breaks_no_rule() {
    assert_eq!(rules(&job()), vec![]);
    assert!(validate(&job()).is_empty(), "{:?}", validate(&job()));
}

#[test]
fn algorithm_source() {
    let both = with(
        job(),
        "/AlgorithmSpecification",
        json!({ "TrainingImage": "i", "AlgorithmName": "a", "TrainingInputMode": "File" }),
    );
    assert_eq!(rules(&both), one("AlgorithmSpecification.AlgorithmName", "rule.algorithm-source", true));
    let neither = with(job(), "/AlgorithmSpecification", json!({ "TrainingInputMode": "File" }));
    assert_eq!(rules(&neither), one("AlgorithmSpecification.TrainingImage", "rule.algorithm-source", true));
    let name_only =
        with(job(), "/AlgorithmSpecification", json!({ "AlgorithmName": "my-algo", "TrainingInputMode": "File" }));
    assert_eq!(rules(&name_only), vec![]);
}

#[test]
fn required_unless_serverless() {
    let mut body = job();
    for member in ["AlgorithmSpecification", "ResourceConfig", "StoppingCondition"] {
        body.as_object_mut().unwrap().remove(member);
    }
    assert_eq!(
        rules(&body),
        [
            ("AlgorithmSpecification".into(), "rule.required-unless-serverless".into(), true),
            ("ResourceConfig".into(), "rule.required-unless-serverless".into(), true),
            ("StoppingCondition".into(), "rule.required-unless-serverless".into(), true),
        ]
    );
    body["ServerlessJobConfig"] = json!({ "BaseModelArn": "arn:aws:sagemaker:us-west-2:aws:hub-content/SageMakerPublicHub/Model/m/1.0.0", "JobType": "FineTuning" });
    assert_eq!(rules(&body), vec![]);
}

#[test]
fn data_source() {
    let none = with(job(), "/InputDataConfig/0/DataSource", json!({}));
    assert_eq!(rules(&none), one("InputDataConfig[0].DataSource", "rule.data-source", true));
    let mut null = job();
    null["InputDataConfig"][0]["DataSource"]["DatasetSource"] = Value::Null;
    assert!(rules(&null).is_empty(), "a null member counts as unset");
    let mut two = job();
    two["InputDataConfig"][0]["DataSource"]["DatasetSource"] = json!({ "DatasetArn": "arn:x" });
    assert_eq!(rules(&two), one("InputDataConfig[0].DataSource", "rule.data-source", true));
}

#[test]
fn unique_names() {
    let mut body = job();
    let channel = body["InputDataConfig"][0].clone();
    body["InputDataConfig"] = json!([channel.clone(), channel.clone(), channel]);
    body["Tags"] = json!([{ "Key": "a", "Value": "" }, { "Key": "b", "Value": "" }, { "Key": "a", "Value": "x" }]);
    body["AlgorithmSpecification"]["MetricDefinitions"] =
        json!([{ "Name": "loss", "Regex": "l=(.*)" }, { "Name": "loss", "Regex": "x" }]);
    let rule = |n: &str| json!({ "RuleConfigurationName": n, "RuleEvaluatorImage": "img" });
    body["DebugRuleConfigurations"] = json!([rule("r"), rule("r")]);
    body["ProfilerRuleConfigurations"] = json!([rule("p"), rule("q"), rule("p")]);
    let paths: Vec<String> = rules(&body).into_iter().map(|(p, c, _)| format!("{p} {c}")).collect();
    assert_eq!(
        paths,
        [
            "InputDataConfig[1].ChannelName rule.unique-names",
            "InputDataConfig[2].ChannelName rule.unique-names",
            "AlgorithmSpecification.MetricDefinitions[1].Name rule.unique-names",
            "DebugRuleConfigurations[1].RuleConfigurationName rule.unique-names",
            "ProfilerRuleConfigurations[2].RuleConfigurationName rule.unique-names",
            "Tags[2].Key rule.unique-names",
        ]
    );
    let mut groups = job();
    groups["ResourceConfig"] = json!({ "InstanceGroups": [
        { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "InstanceGroupName": "g" },
        { "InstanceType": "ml.p3.2xlarge", "InstanceCount": 1, "InstanceGroupName": "g" }
    ] });
    assert_eq!(rules(&groups), one("ResourceConfig.InstanceGroups[1].InstanceGroupName", "rule.unique-names", true));
}

#[test]
fn spot_max_wait_and_runtime_limits() {
    let mut spot = job();
    spot["EnableManagedSpotTraining"] = json!(true);
    spot["CheckpointConfig"] = json!({ "S3Uri": "s3://my-bucket/ckpt/" });
    assert_eq!(rules(&spot), one("StoppingCondition.MaxWaitTimeInSeconds", "rule.spot-max-wait", true));
    spot["StoppingCondition"]["MaxWaitTimeInSeconds"] = json!(1800);
    assert_eq!(rules(&spot), one("StoppingCondition.MaxWaitTimeInSeconds", "rule.max-wait-ge-runtime", true));
    spot["StoppingCondition"]["MaxWaitTimeInSeconds"] = json!(7200);
    assert_eq!(rules(&spot), vec![]);

    let wait_without_spot =
        with(job(), "/StoppingCondition", json!({ "MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200 }));
    assert_eq!(rules(&wait_without_spot), one("StoppingCondition.MaxWaitTimeInSeconds", "rule.spot-max-wait", true));

    let too_long = with(job(), "/StoppingCondition/MaxRuntimeInSeconds", json!(2_419_201));
    assert_eq!(rules(&too_long), one("StoppingCondition.MaxRuntimeInSeconds", "rule.max-runtime-limit", true));
    let limit = with(job(), "/StoppingCondition/MaxRuntimeInSeconds", json!(2_419_200));
    assert_eq!(rules(&limit), vec![]);
}

#[test]
fn checkpoint_with_spot_is_a_warning() {
    let mut spot = job();
    spot["EnableManagedSpotTraining"] = json!(true);
    spot["StoppingCondition"]["MaxWaitTimeInSeconds"] = json!(7200);
    assert_eq!(rules(&spot), one("EnableManagedSpotTraining", "rule.checkpoint-with-spot", false));
}

#[test]
fn instance_groups_exclusive() {
    let groups = json!([{ "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "InstanceGroupName": "g1" }]);
    let mut both = job();
    both["ResourceConfig"]["InstanceGroups"] = groups.clone();
    assert_eq!(
        rules(&both),
        [
            ("ResourceConfig.InstanceType".into(), "rule.instance-groups-exclusive".into(), true),
            ("ResourceConfig.InstanceCount".into(), "rule.instance-groups-exclusive".into(), true),
        ]
    );
    let only_groups = with(job(), "/ResourceConfig", json!({ "InstanceGroups": groups, "VolumeSizeInGB": 30 }));
    assert_eq!(rules(&only_groups), vec![]);
    let missing = with(job(), "/ResourceConfig", json!({ "VolumeSizeInGB": 30 }));
    assert_eq!(
        rules(&missing),
        [
            ("ResourceConfig.InstanceType".into(), "rule.instance-groups-exclusive".into(), true),
            ("ResourceConfig.InstanceCount".into(), "rule.instance-groups-exclusive".into(), true),
        ]
    );
}

#[test]
fn instance_group_names() {
    let mut body = job();
    body["ResourceConfig"] = json!({ "VolumeSizeInGB": 30, "InstanceGroups": [
        { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "InstanceGroupName": "cpu" }
    ] });
    let channel = body["InputDataConfig"][0].clone();
    let mut named = channel.clone();
    named["ChannelName"] = json!("named");
    named["DataSource"]["S3DataSource"]["InstanceGroupNames"] = json!(["cpu", "gpu"]);
    body["InputDataConfig"] = json!([channel, named]);
    assert_eq!(
        rules(&body),
        [
            (
                "InputDataConfig[0].DataSource.S3DataSource.InstanceGroupNames".into(),
                "rule.instance-group-names".into(),
                true
            ),
            (
                "InputDataConfig[1].DataSource.S3DataSource.InstanceGroupNames[1]".into(),
                "rule.instance-group-names".into(),
                true
            ),
        ]
    );
    body["InputDataConfig"][0]["DataSource"]["S3DataSource"]["InstanceGroupNames"] = json!(["cpu"]);
    body["InputDataConfig"][1]["DataSource"]["S3DataSource"]["InstanceGroupNames"] = json!(["cpu"]);
    assert_eq!(rules(&body), vec![]);
}

#[test]
fn file_system_needs_vpc() {
    let mut body = job();
    body["InputDataConfig"][0]["DataSource"] = json!({ "FileSystemDataSource": {
        "FileSystemId": "fs-0123456789abcdef0", "FileSystemAccessMode": "ro", "FileSystemType": "FSxLustre", "DirectoryPath": "/fsx/train"
    } });
    assert_eq!(
        rules(&body),
        one("InputDataConfig[0].DataSource.FileSystemDataSource", "rule.file-system-needs-vpc", true)
    );
    body["VpcConfig"] = json!({ "SecurityGroupIds": ["sg-0123"], "Subnets": ["subnet-0123"] });
    assert_eq!(rules(&body), vec![]);
}

#[test]
fn warm_pool() {
    let mut body = job();
    body["ResourceConfig"]["KeepAlivePeriodInSeconds"] = json!(600);
    assert_eq!(rules(&body), vec![]);
    body["EnableManagedSpotTraining"] = json!(true);
    body["StoppingCondition"]["MaxWaitTimeInSeconds"] = json!(7200);
    body["CheckpointConfig"] = json!({ "S3Uri": "s3://my-bucket/ckpt/" });
    assert_eq!(rules(&body), one("ResourceConfig.KeepAlivePeriodInSeconds", "rule.warm-pool", true));
}

#[test]
fn metric_definitions_builtin() {
    let body = with(
        job(),
        "/AlgorithmSpecification",
        json!({ "AlgorithmName": "a", "TrainingInputMode": "File", "MetricDefinitions": [{ "Name": "m", "Regex": "r" }] }),
    );
    assert_eq!(rules(&body), one("AlgorithmSpecification.MetricDefinitions", "rule.metric-definitions-builtin", true));
}

#[test]
fn profiling_interval() {
    let mut body = job();
    body["ProfilerConfig"] = json!({ "ProfilingIntervalInMilliseconds": 300 });
    assert_eq!(rules(&body), one("ProfilerConfig.ProfilingIntervalInMilliseconds", "rule.profiling-interval", true));
    body["ProfilerConfig"]["ProfilingIntervalInMilliseconds"] = json!(500);
    assert_eq!(rules(&body), vec![]);
}

#[test]
fn reserved_tag_prefix() {
    let mut body = job();
    body["Tags"] = json!([{ "Key": "team", "Value": "ml" }, { "Key": "AWS:owner", "Value": "x" }]);
    assert_eq!(rules(&body), one("Tags[1].Key", "rule.reserved-tag-prefix", true));
}

#[test]
fn input_mode_compat_warnings() {
    let mut body = job();
    body["InputDataConfig"][0]["InputMode"] = json!("FastFile");
    body["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType"] = json!("ManifestFile");
    assert_eq!(rules(&body), one("InputDataConfig[0].InputMode", "rule.input-mode-compat", false));

    let mut manifest = job();
    manifest["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType"] = json!("AugmentedManifestFile");
    assert_eq!(
        rules(&manifest),
        [
            (
                "InputDataConfig[0].DataSource.S3DataSource.AttributeNames".into(),
                "rule.input-mode-compat".into(),
                false
            ),
            ("InputDataConfig[0]".into(), "rule.input-mode-compat".into(), false),
        ]
    );
    manifest["InputDataConfig"][0]["DataSource"]["S3DataSource"]["AttributeNames"] = json!(["source-ref"]);
    manifest["AlgorithmSpecification"]["TrainingInputMode"] = json!("Pipe");
    manifest["InputDataConfig"][0]["CompressionType"] = json!("Gzip");
    assert_eq!(rules(&manifest), vec![]);
    manifest["InputDataConfig"][0]["InputMode"] = json!("File");
    assert_eq!(
        rules(&manifest),
        [
            ("InputDataConfig[0].InputMode".into(), "rule.input-mode-compat".into(), false),
            ("InputDataConfig[0].CompressionType".into(), "rule.input-mode-compat".into(), false),
        ]
    );
}

#[test]
fn secrets_in_plain_fields_are_warned_about() {
    let mut body = job();
    body["HyperParameters"] = json!({ "lr": "0.1", "key": "AKIAIOSFODNN7EXAMPLE" });
    body["Environment"] = json!({ "SECRET": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "PATH": "/usr/bin" });
    assert_eq!(
        rules(&body),
        [
            ("HyperParameters[1].value".into(), "rule.secret-in-plain-field".into(), false),
            ("Environment[0].value".into(), "rule.secret-in-plain-field".into(), false),
        ]
    );
    // Warnings never block: the request has no errors.
    assert!(validate(&body).iter().all(|p| p.severity == Severity::Warning));
}

#[test]
fn s3_uris_look_like_s3_uris() {
    for (uri, warned) in [
        ("s3://my-bucket/key", false),
        ("s3://my.bucket-2/k/", false),
        ("https://my-bucket.s3.amazonaws.com/key", false),
        ("s3://s3://my-bucket/key", true),
        ("s3://My_Bucket/key", true),
        ("s3://ab/key", true),
        ("s3://192.168.1.1/key", true),
        ("s3://-bucket/key", true),
        ("s3://a..b/key", true),
    ] {
        let body = with(job(), "/OutputDataConfig/S3OutputPath", json!(uri));
        let expected = if warned { one("OutputDataConfig.S3OutputPath", "rule.s3-uri-shape", false) } else { vec![] };
        assert_eq!(rules(&body), expected, "{uri}");
    }
    let body = with(job(), "/InputDataConfig/0/DataSource/S3DataSource/S3Uri", json!("s3://Bad/x"));
    assert_eq!(rules(&body), one("InputDataConfig[0].DataSource.S3DataSource.S3Uri", "rule.s3-uri-shape", false));
}
