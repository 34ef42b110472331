//! Knowing the algorithm (behaviour §10): the image catalogue, the picker's URIs, and each check with
//! a request that trips it and one that does not.

use serde_json::{json, Value};
use tjs::core::algorithm::{check, Catalogue};
use tjs::core::problem::{Problem, Severity};
use tjs::core::validate::validate_for_region;

const XGBOOST_US: &str = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const PYTORCH_GPU: &str = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
const IMAGE_CLASSIFICATION: &str = "811284229777.dkr.ecr.us-east-1.amazonaws.com/image-classification:1";

fn catalogue() -> &'static Catalogue {
    Catalogue::embedded()
}

/// An XGBoost job that is right in every way the checks look at.
fn xgboost() -> Value {
    json!({
        "TrainingJobName": "xgb-churn",
        "HyperParameters": { "num_round": "100", "objective": "binary:logistic", "eta": "0.2", "max_depth": "5" },
        "AlgorithmSpecification": { "TrainingImage": XGBOOST_US, "TrainingInputMode": "File" },
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "InputDataConfig": [
            { "ChannelName": "train", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/train/" } }, "ContentType": "text/csv" },
            { "ChannelName": "validation", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://b/validation/" } }, "ContentType": "text/csv" }
        ],
        "OutputDataConfig": { "S3OutputPath": "s3://b/out/" },
        "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30 },
        "StoppingCondition": { "MaxRuntimeInSeconds": 3600 }
    })
}

fn findings(body: &Value, region: Option<&str>) -> Vec<Problem> {
    check(body, catalogue(), region)
}

/// (path, code) of each finding.
fn codes(body: &Value, region: Option<&str>) -> Vec<(String, &'static str)> {
    findings(body, region).into_iter().map(|p| (p.path, p.code)).collect()
}

fn only(body: &Value, region: Option<&str>, path: &str, code: &'static str) -> Problem {
    let all = findings(body, region);
    assert_eq!(all.iter().map(|p| (p.path.as_str(), p.code)).collect::<Vec<_>>(), vec![(path, code)], "{all:#?}");
    all.into_iter().next().unwrap()
}

fn with(mut body: Value, pointer: &str, value: Value) -> Value {
    *body.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
    body
}

#[test]
fn the_picker_writes_exact_uris_for_each_region() {
    let uri = |key, version, region, processor, py| catalogue().image_uri(key, version, region, processor, py);
    assert_eq!(
        uri("xgboost", "1.7-1", "eu-west-1", None, None).unwrap(),
        "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    );
    assert_eq!(uri("xgboost", "1.7-1", "us-east-1", None, None).unwrap(), XGBOOST_US);
    assert_eq!(
        uri("xgboost", "1.7-1", "cn-north-1", None, None).unwrap(),
        "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1"
    );
    assert_eq!(
        uri("xgboost", "1.7-1", "us-gov-west-1", None, None).unwrap(),
        "414596584902.dkr.ecr.us-gov-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    );
    // The legacy image lives in the per-region first-party accounts; `latest` is its alias.
    assert_eq!(
        uri("xgboost", "latest", "us-east-1", None, None).unwrap(),
        "811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1"
    );
    assert_eq!(
        uri("xgboost", "0.90-2", "us-east-1", None, None).unwrap(),
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:0.90-2-cpu-py3"
    );
    assert_eq!(
        uri("kmeans", "1", "eu-west-1", None, None).unwrap(),
        "438346466558.dkr.ecr.eu-west-1.amazonaws.com/kmeans:1"
    );
    assert_eq!(uri("pytorch", "2.1.0", "us-east-1", Some("gpu"), Some("py310")).unwrap(), PYTORCH_GPU);
    assert_eq!(
        uri("pytorch", "2.1", "us-east-1", Some("cpu"), None).unwrap(),
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-cpu-py310"
    );
    assert_eq!(
        uri("huggingface", "4.36.0-pytorch2.1.0", "us-east-1", None, None).unwrap(),
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:2.1.0-transformers4.36.0-gpu-py310-cu121-ubuntu20.04"
    );
    assert_eq!(
        uri("sklearn", "1.2-1", "eu-west-1", None, None).unwrap(),
        "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
    );
    assert_eq!(uri("xgboost", "9.9-9", "us-east-1", None, None), None);
    assert_eq!(uri("xgboost", "1.7-1", "mars-north-1", None, None), None);
    assert_eq!(uri("nonsense", "1", "us-east-1", None, None), None);
}

#[test]
fn the_catalogue_covers_every_built_in_algorithm_and_the_frameworks() {
    for key in [
        "blazingtext",
        "factorization-machines",
        "forecasting-deepar",
        "image-classification",
        "ipinsights",
        "kmeans",
        "knn",
        "lda",
        "linear-learner",
        "ntm",
        "object-detection",
        "object2vec",
        "pca",
        "randomcutforest",
        "semantic-segmentation",
        "seq2seq",
        "xgboost",
    ] {
        let accepts = catalogue().accepts(key).unwrap_or_else(|| panic!("{key} has no tables"));
        assert!(catalogue().image(key).is_some(), "{key} has no images");
        assert!(!accepts.hyperparameters.is_empty() && !accepts.sources.is_empty(), "{key}");
        for h in &accepts.hyperparameters {
            assert!(!h.help.is_empty(), "{key}.{} has no help", h.name);
            if let Some(default) = &h.default {
                // A default the table itself would flag would mislead every user.
                assert_eq!(h.judge(default), None, "{key}.{} default {default}", h.name);
            }
        }
    }
    for key in ["pytorch", "tensorflow", "huggingface", "sklearn", "mxnet"] {
        assert!(catalogue().image(key).is_some(), "{key}");
    }
    assert_eq!(catalogue().gpus.get("ml.p3.8xlarge"), Some(&4));
}

#[test]
fn images_are_recognised_and_rewritten_for_another_region() {
    let known = catalogue().recognise(PYTORCH_GPU).unwrap();
    assert_eq!((known.image.key.as_str(), known.version.unwrap().key.as_str()), ("pytorch", "2.1.0"));
    assert_eq!((known.py, known.processor), (Some("py310"), Some("gpu")));
    assert_eq!(
        catalogue().rewrite_for_region(XGBOOST_US, "eu-west-1").unwrap(),
        "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    );
    assert_eq!(
        catalogue().rewrite_for_region(PYTORCH_GPU, "cn-north-1").unwrap(),
        "727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-training:2.1.0-gpu-py310"
    );
    assert!(catalogue().recognise("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-trainer:latest").is_none());
    assert!(catalogue()
        .rewrite_for_region("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-trainer:1", "eu-west-1")
        .is_none());
}

#[test]
fn a_right_request_has_no_findings() {
    assert_eq!(codes(&xgboost(), None), vec![]);
    assert_eq!(codes(&xgboost(), Some("us-east-1")), vec![]);
}

#[test]
fn templates_and_valid_fixtures_have_no_errors() {
    let files =
        std::fs::read_dir("templates").unwrap().map(|e| e.unwrap().path()).chain(["tests/fixtures/valid.json".into()]);
    for path in files {
        let body: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let found = validate_for_region(&body, catalogue(), None);
        assert!(found.iter().all(|p| p.severity != Severity::Error), "{}: {found:#?}", path.display());
        let algorithm: Vec<_> = found.iter().filter(|p| p.code.starts_with("algorithm.")).collect();
        assert!(algorithm.is_empty(), "{}: {algorithm:#?}", path.display());
    }
}

#[test]
fn a_missing_required_hyperparameter() {
    let mut body = xgboost();
    body["HyperParameters"].as_object_mut().unwrap().remove("num_round");
    let p = only(&body, None, "HyperParameters", "algorithm.hyperparameter-required");
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.starts_with("XGBoost needs num_round ("), "{}", p.message);
    assert!(p.message.ends_with("an integer of at least 1."), "{}", p.message);
    // The path names only the map; the row the fix adds is named apart, and crosses the worker.
    assert_eq!(p.missing_key.as_deref(), Some("num_round"));
    use tjs::core::protocol::algorithm::{answer, state, Picked, Reply};
    let Reply::Judged(facts) = Reply::decode(&answer(catalogue(), &state(&body, "", &Picked::default()).encode()))
    else {
        panic!("no facts")
    };
    let crossed: Vec<_> =
        facts.problems().into_iter().filter(|p| p.code == "algorithm.hyperparameter-required").collect();
    assert_eq!(crossed[0].missing_key.as_deref(), Some("num_round"));
    // Required only for some objectives: num_class for multi-class ones.
    let multi = with(xgboost(), "/HyperParameters/objective", json!("multi:softmax"));
    assert!(only(&multi, None, "HyperParameters", "algorithm.hyperparameter-required").message.contains("num_class"));
    let mut fixed = multi;
    fixed["HyperParameters"]["num_class"] = json!("3");
    assert_eq!(codes(&fixed, None), vec![]);
    // No hyperparameters at all.
    let mut none = xgboost();
    none.as_object_mut().unwrap().remove("HyperParameters");
    assert_eq!(codes(&none, None), vec![("HyperParameters".into(), "algorithm.hyperparameter-required")]);
}

#[test]
fn a_hyperparameter_of_the_wrong_type() {
    let body = with(xgboost(), "/HyperParameters/num_round", json!("ten"));
    let p = only(&body, None, "HyperParameters[0].value", "algorithm.hyperparameter-type");
    // The value is the user's, so it is quoted as an isolate (tjs::core::unicode::isolate).
    assert!(p.message.contains("\"\u{2068}ten\u{2069}\" is not a whole number"), "{}", p.message);
    let body = with(xgboost(), "/HyperParameters/eta", json!("fast"));
    only(&body, None, "HyperParameters[2].value", "algorithm.hyperparameter-type");
    assert_eq!(codes(&with(xgboost(), "/HyperParameters/eta", json!("1e-1")), None), vec![]);
}

#[test]
fn a_hyperparameter_out_of_range() {
    let p = only(
        &with(xgboost(), "/HyperParameters/eta", json!("2")),
        None,
        "HyperParameters[2].value",
        "algorithm.hyperparameter-range",
    );
    assert!(p.message.contains("eta needs a number from 0 to 1"), "{}", p.message);
    only(
        &with(xgboost(), "/HyperParameters/num_round", json!("0")),
        None,
        "HyperParameters[0].value",
        "algorithm.hyperparameter-range",
    );
    assert_eq!(codes(&with(xgboost(), "/HyperParameters/eta", json!("1")), None), vec![]);
}

#[test]
fn a_hyperparameter_value_not_allowed() {
    let p = only(
        &with(xgboost(), "/HyperParameters/objective", json!("regression")),
        None,
        "HyperParameters[1].value",
        "algorithm.hyperparameter-value",
    );
    assert!(p.message.contains("reg:squarederror"), "{}", p.message);
    assert_eq!(codes(&with(xgboost(), "/HyperParameters/objective", json!("reg:squarederror")), None), vec![]);
}

#[test]
fn an_unknown_hyperparameter_names_the_nearest() {
    let mut body = xgboost();
    body["HyperParameters"]["num_rounds"] = json!("10");
    let p = only(&body, None, "HyperParameters[4].key", "algorithm.hyperparameter-unknown");
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.message.contains("Did you mean num_round?"), "{}", p.message);
    // What SageMaker and the SDK add are not unknown.
    let mut body = xgboost();
    body["HyperParameters"]["_tuning_objective_metric"] = json!("validation:auc");
    body["HyperParameters"]["sagemaker_region"] = json!("\"us-east-1\"");
    assert_eq!(codes(&body, None), vec![]);
}

#[test]
fn versions_differ_in_what_they_accept() {
    // `silent` went away after 1.0-1; the 1.0-1 image still reads it.
    let mut body = xgboost();
    body["HyperParameters"]["silent"] = json!("1");
    assert_eq!(codes(&body, None), vec![("HyperParameters[4].key".into(), "algorithm.hyperparameter-unknown")]);
    let old = with(body, "/AlgorithmSpecification/TrainingImage", json!(XGBOOST_US.replace("1.7-1", "1.0-1-cpu-py3")));
    assert_eq!(codes(&old, None), vec![]);
}

#[test]
fn script_mode_turns_the_tables_off() {
    let mut body = xgboost();
    body["HyperParameters"] = json!({ "sagemaker_program": "train.py", "my_own": "x" });
    assert_eq!(codes(&body, None), vec![]);
}

#[test]
fn an_instance_type_the_algorithm_cannot_train_on() {
    let body = with(
        with(xgboost(), "/AlgorithmSpecification/TrainingImage", json!(IMAGE_CLASSIFICATION)),
        "/HyperParameters",
        json!({ "num_classes": "2", "num_training_samples": "1000" }),
    );
    let body = with(body, "/ResourceConfig/InstanceType", json!("ml.c4.2xlarge"));
    let found = findings(&body, None);
    let p = found.iter().find(|p| p.code == "algorithm.instance-type").expect("instance-type");
    assert_eq!((p.path.as_str(), p.severity), ("ResourceConfig.InstanceType", Severity::Error));
    assert!(p.message.contains("only on GPU instances"), "{}", p.message);
    let gpu = with(body, "/ResourceConfig/InstanceType", json!("ml.p3.2xlarge"));
    assert!(findings(&gpu, None).iter().all(|p| p.code != "algorithm.instance-type"));
}

#[test]
fn a_framework_image_on_the_wrong_processor() {
    let body = json!({
        "HyperParameters": { "sagemaker_program": "train.py" },
        "AlgorithmSpecification": { "TrainingImage": PYTORCH_GPU, "TrainingInputMode": "File" },
        "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1 }
    });
    let p = only(&body, None, "ResourceConfig.InstanceType", "algorithm.processor");
    assert_eq!(p.severity, Severity::Warning);
    let cpu_image =
        with(body.clone(), "/AlgorithmSpecification/TrainingImage", json!(PYTORCH_GPU.replace("-gpu-", "-cpu-")));
    assert_eq!(codes(&cpu_image, None), vec![]);
    // A GPU family the GPU table does not list is still a GPU.
    let g6 = with(body.clone(), "/ResourceConfig/InstanceType", json!("ml.g6.xlarge"));
    assert_eq!(codes(&g6, None), vec![]);
    only(
        &with(cpu_image, "/ResourceConfig/InstanceType", json!("ml.g6.xlarge")),
        None,
        "ResourceConfig.InstanceType",
        "algorithm.processor",
    );
}

#[test]
fn a_framework_image_with_nothing_to_run() {
    let body = json!({ "AlgorithmSpecification": { "TrainingImage": PYTORCH_GPU, "TrainingInputMode": "File" }, "ResourceConfig": { "InstanceType": "ml.p3.2xlarge" } });
    let p = only(&body, None, "AlgorithmSpecification.TrainingImage", "algorithm.entry-point");
    assert_eq!(p.severity, Severity::Warning);
    for fixed in [
        with(
            body.clone(),
            "/AlgorithmSpecification",
            json!({ "TrainingImage": PYTORCH_GPU, "TrainingInputMode": "File", "ContainerEntrypoint": ["python", "train.py"] }),
        ),
        {
            let mut b = body.clone();
            b["HyperParameters"] = json!({ "sagemaker_program": "train.py" });
            b
        },
        {
            let mut b = body.clone();
            b["Environment"] = json!({ "SAGEMAKER_PROGRAM": "train.py" });
            b
        },
    ] {
        assert_eq!(codes(&fixed, None), vec![]);
    }
}

#[test]
fn an_account_that_does_not_host_the_repository() {
    let body = with(
        xgboost(),
        "/AlgorithmSpecification/TrainingImage",
        json!(XGBOOST_US.replace("683313688378", "811284229777")),
    );
    let p = only(&body, None, "AlgorithmSpecification.TrainingImage", "algorithm.registry");
    assert!(p.message.contains("683313688378"), "{}", p.message);
    // A bare name is no image URI at all.
    let bare = with(xgboost(), "/AlgorithmSpecification/TrainingImage", json!("xgboost"));
    let p = only(&bare, Some("eu-west-1"), "AlgorithmSpecification.TrainingImage", "algorithm.registry");
    assert!(p.message.contains("141502667606.dkr.ecr.eu-west-1"), "{}", p.message);
}

#[test]
fn a_tag_the_catalogue_does_not_list() {
    let body = with(xgboost(), "/AlgorithmSpecification/TrainingImage", json!(XGBOOST_US.replace("1.7-1", "1.9-9")));
    only(&body, None, "AlgorithmSpecification.TrainingImage", "algorithm.version");
    // Framework tags carry more after the version; an alias tag is listed too.
    let long_tag = json!({ "HyperParameters": { "sagemaker_program": "t.py" }, "AlgorithmSpecification": {
        "TrainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310-cu121-ubuntu20.04-sagemaker-v1.3" } });
    assert_eq!(codes(&long_tag, None), vec![]);
    let digest =
        with(xgboost(), "/AlgorithmSpecification/TrainingImage", json!(XGBOOST_US.replace(":1.7-1", "@sha256:0123")));
    assert_eq!(codes(&digest, None), vec![]);
}

#[test]
fn an_image_from_another_region() {
    let p = only(&xgboost(), Some("eu-west-1"), "AlgorithmSpecification.TrainingImage", "algorithm.region");
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("us-east-1") && p.message.contains("eu-west-1"), "{}", p.message);
    // Your own images too.
    let own = with(
        xgboost(),
        "/AlgorithmSpecification/TrainingImage",
        json!("123456789012.dkr.ecr.us-west-2.amazonaws.com/mine:1"),
    );
    only(&own, Some("us-east-1"), "AlgorithmSpecification.TrainingImage", "algorithm.region");
    assert_eq!(codes(&own, Some("us-west-2")), vec![]);
    assert_eq!(codes(&own, None), vec![]);
    // The wrong DNS suffix for the partition, with or without a region.
    let china = with(
        xgboost(),
        "/AlgorithmSpecification/TrainingImage",
        json!("450853457545.dkr.ecr.cn-north-1.amazonaws.com/sagemaker-xgboost:1.7-1"),
    );
    let p = only(&china, None, "AlgorithmSpecification.TrainingImage", "algorithm.region");
    assert!(p.message.contains("amazonaws.com.cn"), "{}", p.message);
    let right = with(
        xgboost(),
        "/AlgorithmSpecification/TrainingImage",
        json!("450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1"),
    );
    assert_eq!(codes(&right, Some("cn-north-1")), vec![]);
}

#[test]
fn channels_the_algorithm_does_not_read_or_needs() {
    let body = with(xgboost(), "/InputDataConfig/1/ChannelName", json!("valid"));
    let p = only(&body, None, "InputDataConfig[1].ChannelName", "algorithm.channel");
    assert!(p.message.contains("Did you mean validation?"), "{}", p.message);
    let body = with(xgboost(), "/InputDataConfig/0/ChannelName", json!("training"));
    let found = codes(&body, None);
    assert!(found.contains(&("InputDataConfig".into(), "algorithm.channel")), "{found:?}");
}

#[test]
fn names_and_values_the_user_typed_are_isolated_in_messages() {
    // Between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, a U+202E
    // RIGHT-TO-LEFT OVERRIDE cannot turn the rest of the message around.
    let body = with(xgboost(), "/InputDataConfig/1/ChannelName", json!("valid\u{202E}ation"));
    let p = only(&body, None, "InputDataConfig[1].ChannelName", "algorithm.channel");
    assert!(
        p.message
            .starts_with("XGBoost does not read a channel named \"\u{2068}valid\u{202E}ation\u{2069}\"; it reads "),
        "{}",
        p.message
    );
    let mut body = xgboost();
    body["HyperParameters"]["num_r\u{202E}ounds"] = json!("10");
    let p = only(&body, None, "HyperParameters[4].key", "algorithm.hyperparameter-unknown");
    assert!(
        p.message.starts_with("XGBoost does not know the hyperparameter \"\u{2068}num_r\u{202E}ounds\u{2069}\"."),
        "{}",
        p.message
    );
    let body = with(xgboost(), "/HyperParameters/num_round", json!("1\u{202E}0"));
    let p = only(&body, None, "HyperParameters[0].value", "algorithm.hyperparameter-type");
    assert!(p.message.starts_with("\"\u{2068}1\u{202E}0\u{2069}\" is not a whole number: "), "{}", p.message);
}

#[test]
fn an_input_mode_the_algorithm_does_not_read() {
    let seq2seq = json!({
        "AlgorithmSpecification": { "TrainingImage": "811284229777.dkr.ecr.us-east-1.amazonaws.com/seq2seq:1", "TrainingInputMode": "Pipe" },
        "ResourceConfig": { "InstanceType": "ml.p3.2xlarge" },
        "InputDataConfig": [
            { "ChannelName": "train" }, { "ChannelName": "validation" }, { "ChannelName": "vocab" }
        ]
    });
    let p = only(&seq2seq, None, "AlgorithmSpecification.TrainingInputMode", "algorithm.input-mode");
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(codes(&with(seq2seq, "/AlgorithmSpecification/TrainingInputMode", json!("File")), None), vec![]);
}

#[test]
fn others_get_no_algorithm_findings_but_the_region() {
    for image in
        ["123456789012.dkr.ecr.us-east-1.amazonaws.com/my-trainer:latest", "registry.example.com/team/trainer:1", ""]
    {
        let mut body = with(xgboost(), "/AlgorithmSpecification/TrainingImage", json!(image));
        body["HyperParameters"] = json!({ "anything": "goes" });
        assert_eq!(codes(&body, Some("us-east-1")), vec![], "{image}");
    }
    let mut by_name = xgboost();
    by_name["AlgorithmSpecification"] = json!({ "AlgorithmName": "my-algorithm", "TrainingInputMode": "File" });
    by_name["HyperParameters"] = json!({});
    assert_eq!(codes(&by_name, Some("eu-west-1")), vec![]);
}

#[test]
fn bad_input_never_panics() {
    let odd = [
        json!(null),
        json!([]),
        json!("x"),
        json!({ "AlgorithmSpecification": "x" }),
        json!({ "AlgorithmSpecification": { "TrainingImage": 5 } }),
        json!({ "AlgorithmSpecification": { "TrainingImage": XGBOOST_US }, "HyperParameters": [1], "InputDataConfig": {}, "ResourceConfig": [] }),
        json!({ "AlgorithmSpecification": { "TrainingImage": XGBOOST_US }, "HyperParameters": { "eta": 2, "num_round": null } }),
        json!({ "AlgorithmSpecification": { "TrainingImage": "999999999999.dkr.ecr.ünïcode.amazonaws.com/x:y" } }),
        json!({ "AlgorithmSpecification": { "TrainingImage": ".dkr.ecr./" } }),
        json!({ "AlgorithmSpecification": { "TrainingImage": XGBOOST_US }, "ResourceConfig": { "InstanceGroups": [{ "InstanceType": 7 }, "x"] } }),
    ];
    for body in odd {
        let _ = findings(&body, Some("us-east-1"));
        let _ = findings(&body, Some("not-a-region"));
    }
}

mod protocol {
    //! What the page and the algorithm worker say to each other: the state in, the problems,
    //! image facts and resolved picker out.
    use super::*;
    use tjs::core::algorithm::HyperparameterKind;
    use tjs::core::protocol::algorithm::{answer, picker, state, ImageFacts, Picked, PickerPart, Reply, State};

    fn reply(state: &State) -> ImageFacts {
        match Reply::decode(&answer(catalogue(), &state.encode())) {
            Reply::Judged(facts) => facts,
            other => panic!("{other:?}"),
        }
    }

    fn pick(key: &str, version: &str) -> Picked {
        Picked { key: key.into(), version: version.into(), ..Picked::default() }
    }

    #[test]
    fn the_state_holds_only_what_the_checks_read() {
        let mut body = xgboost();
        body["Tags"] = json!([{ "Key": "team", "Value": "ml" }]);
        let sent = state(&body, "eu-west-1", &Picked::default());
        assert_eq!(sent.region, "eu-west-1");
        let keys: Vec<&String> = sent.body.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["AlgorithmSpecification", "HyperParameters", "ResourceConfig", "InputDataConfig"]);
        // Without an image only the instance type matters (the picker's processor follows it).
        let mut no_image = xgboost();
        no_image["AlgorithmSpecification"] = json!({ "TrainingInputMode": "File" });
        assert_eq!(
            state(&no_image, "us-east-1", &Picked::default()).body,
            json!({ "ResourceConfig": { "InstanceType": "ml.m5.xlarge" } })
        );
        // What the page sends is what the worker reads.
        let picked = Picked {
            key: "pytorch".into(),
            version: "2.1.0".into(),
            py: "py310".into(),
            processor: "gpu".into(),
            chosen: true,
        };
        let sent = state(&body, "cn-north-1", &picked);
        assert_eq!(State::decode(&sent.encode()), sent);
        assert_eq!(picked.choose(PickerPart::Algorithm, "xgboost".into()), pick("xgboost", ""));
        assert!(pick("pytorch", "2.1.0").choose(PickerPart::Processor, "cpu".into()).chosen);
    }

    #[test]
    fn an_answer_carries_the_problems_facts_and_typed_hyperparameters() {
        let mut body = xgboost();
        body["HyperParameters"]["eta"] = json!("2");
        let out = reply(&state(&body, "eu-west-1", &Picked::default()));
        let problems = out.problems();
        let codes: Vec<&str> = problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["algorithm.region", "algorithm.hyperparameter-range"]);
        assert_eq!(
            problems,
            check(&state(&body, "eu-west-1", &Picked::default()).body, catalogue(), Some("eu-west-1"))
        );
        assert!(out.clone().without_problems().problems().is_empty());
        let known = out.recognised().unwrap();
        assert_eq!((known.picked, known.region.as_str()), (pick("xgboost", "1.7-1"), "us-east-1"));
        assert_eq!(out.rewrite().unwrap(), "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
        let (algorithm, typed) = out.typed().unwrap();
        assert_eq!(algorithm, "XGBoost");
        assert_eq!(typed[0].name, "num_round", "required ones first");
        assert_eq!(typed[0].expects, "an integer of at least 1");
        assert_eq!(typed[0].kind, HyperparameterKind::Integer);
        assert!(out.covers("num_round") && !out.covers("sagemaker_program"));
        assert!(typed.iter().all(|h| !h.name.starts_with('_') && !h.name.starts_with("sagemaker_")));
        let objective = typed.iter().find(|h| h.name == "objective").unwrap();
        assert_eq!(objective.kind, HyperparameterKind::Categorical);
        assert!(objective.values.iter().any(|v| v == "reg:squarederror"));
        // Script mode reads its own hyperparameters; a custom image gets no typed ones.
        body["HyperParameters"]["sagemaker_program"] = json!("train.py");
        assert!(reply(&state(&body, "us-east-1", &Picked::default())).typed().is_none());
        let custom = with(
            xgboost(),
            "/AlgorithmSpecification/TrainingImage",
            json!("123456789012.dkr.ecr.us-east-1.amazonaws.com/mine:1"),
        );
        let out = reply(&state(&custom, "us-east-1", &Picked::default()));
        assert!(out.typed().is_none() && out.recognised().is_none() && out.rewrite().is_none());
    }

    #[test]
    fn the_picker_resolves_what_was_picked() {
        let pick = |picked: Value, instance: &str, region: &str| {
            let text = |name: &str| picked[name].as_str().unwrap_or_default().to_string();
            let picked = Picked {
                key: text("key"),
                version: text("version"),
                py: text("py"),
                processor: text("processor"),
                chosen: picked["chosen"] == true,
            };
            picker(catalogue(), &picked, instance, region)
        };
        let empty = pick(Value::Null, "", "us-east-1");
        assert_eq!(empty["key"], "");
        assert_eq!(empty["images"].as_array().unwrap().len(), 22);
        assert_eq!(empty["images"][16], json!({ "key": "xgboost", "name": "XGBoost", "kind": "built-in" }));
        // An algorithm alone takes its newest version.
        let xgb = pick(json!({ "key": "xgboost" }), "", "eu-west-1");
        assert_eq!(xgb["version"], "3.2-0");
        assert_eq!(xgb["versions"][0], "3.2-0");
        assert_eq!(xgb["uri"], "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:3.2-0");
        // A framework's processor follows the instance type until the user chooses one.
        let on_gpu = pick(json!({ "key": "pytorch", "version": "2.1.0" }), "ml.p3.2xlarge", "us-east-1");
        assert_eq!((on_gpu["processor"].as_str(), on_gpu["py"].as_str()), (Some("gpu"), Some("py310")));
        assert_eq!(on_gpu["uri"], PYTORCH_GPU);
        let follows =
            pick(json!({ "key": "pytorch", "version": "2.1.0", "processor": "cpu" }), "ml.g5.xlarge", "us-east-1");
        assert_eq!(follows["processor"], "gpu");
        let chosen = pick(
            json!({ "key": "pytorch", "version": "2.1.0", "processor": "cpu", "chosen": true }),
            "ml.g5.xlarge",
            "us-east-1",
        );
        assert_eq!(chosen["processor"], "cpu");
        // A version or Python version that is not offered falls back to one that is.
        let old = pick(json!({ "key": "tensorflow", "version": "1.13.1", "py": "py3" }), "", "us-east-1");
        assert_eq!(old["pys"], json!(["py2", "py3"]));
        assert!(old["uri"].as_str().unwrap().contains("/tensorflow-training:1.13.1-cpu-py3"), "{}", old["uri"]);
        let unknown = pick(json!({ "key": "xgboost", "version": "9.9" }), "", "us-east-1");
        assert_eq!(unknown["version"], "3.2-0");
        // Not offered in a region: no URI.
        let nowhere = pick(json!({ "key": "xgboost", "version": "1.7-1" }), "", "mars-1");
        assert!(nowhere["uri"].is_null());
    }

    #[test]
    fn odd_states_get_an_answer() {
        for odd in [
            "",
            "null",
            "[]",
            "{\"body\": 5}",
            "{\"picked\": {\"key\": 7}}",
            "{\"body\": {\"AlgorithmSpecification\": {\"TrainingImage\": [1]}}}",
        ] {
            assert!(matches!(Reply::decode(&answer(catalogue(), odd)), Reply::Judged(_)), "{odd}");
        }
        let made_up = r#"judged
{"problems": [{"code": "made.up", "path": "x"}, {"code": "algorithm.region", "path": "y", "severity": "warning"}]}"#;
        let Reply::Judged(facts) = Reply::decode(made_up) else { panic!() };
        assert_eq!(facts.problems().iter().map(|p| p.code).collect::<Vec<_>>(), ["algorithm.region"]);
        // A reply the page cannot read says so, rather than passing for an empty answer.
        for broken in ["", "judged\n[1]", "judged\nnot json", "who-knows\n"] {
            assert!(
                matches!(Reply::decode(broken), Reply::CouldNotStart(ref why) if why.contains("cannot read")),
                "{broken}"
            );
        }
        assert_eq!(Reply::decode(&Reply::Ready.encode()), Reply::Ready);
        let failed = Reply::CouldNotStart("images.json: HTTP 404".into());
        assert_eq!(Reply::decode(&failed.encode()), failed);
        let Reply::Judged(facts) =
            Reply::decode(&answer(catalogue(), &state(&xgboost(), "eu-west-1", &Picked::default()).encode()))
        else {
            panic!()
        };
        assert_eq!(Reply::decode(&Reply::Judged(facts.clone()).encode()), Reply::Judged(facts));
    }
}
