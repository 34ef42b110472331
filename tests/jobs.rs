//! behaviour §11's pure parts: the calls' bodies, reading their answers, what a failure names, and the
//! console links.

use serde_json::{json, Value};
use tjs::core::jobs::*;

fn request() -> Value {
    json!({
        "TrainingJobName": "churn",
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "AlgorithmSpecification": {"TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", "TrainingInputMode": "File"},
        "InputDataConfig": [
            {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": "s3://bucket/train/", "S3DataType": "S3Prefix"}}},
            {"ChannelName": "validation", "DataSource": {"S3DataSource": {"S3Uri": "s3://bucket/train-extra", "S3DataType": "S3Prefix"}}}
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
        "CheckpointConfig": {"S3Uri": "s3://bucket/checkpoints"},
        "ResourceConfig": {"InstanceType": "ml.p3.2xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10}
    })
}

#[test]
fn a_description_is_read_for_people() {
    let text = json!({
        "TrainingJobName": "churn", "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/churn",
        "TrainingJobStatus": "Failed", "SecondaryStatus": "Failed",
        "FailureReason": "ClientError: Data download failed",
        "BillableTimeInSeconds": 65,
        "ModelArtifacts": {"S3ModelArtifacts": "s3://bucket/out/churn/output/model.tar.gz"},
        "SecondaryStatusTransitions": [
            {"Status": "Starting", "StartTime": 1764205323.5, "StatusMessage": "Preparing the instances for training"},
            {"Status": "Failed", "StartTime": 1764205383, "EndTime": 1764205383}
        ]
    })
    .to_string();
    let job = read_job(&text).unwrap();
    assert_eq!((job.name.as_str(), job.status.as_str(), job.secondary.as_str()), ("churn", "Failed", "Failed"));
    assert_eq!(job.failure_reason, "ClientError: Data download failed");
    assert_eq!(job.billable_seconds, Some(65));
    assert_eq!(job.model_artifacts, "s3://bucket/out/churn/output/model.tar.gz");
    assert_eq!(
        job.timeline,
        [
            Transition {
                status: "Starting".into(),
                started: "2025-11-27 01:02:03 UTC".into(),
                message: "Preparing the instances for training".into()
            },
            Transition { status: "Failed".into(), started: "2025-11-27 01:03:03 UTC".into(), message: String::new() },
        ]
    );
    assert!(is_final(&job.status) && !can_stop(&job.status));
    let running = read_job(r#"{"TrainingJobName": "a", "TrainingJobStatus": "InProgress"}"#).unwrap();
    assert!(!is_final(&running.status) && can_stop(&running.status));
    assert_eq!((running.billable_seconds, running.timeline.len()), (None, 0));
}

#[test]
fn a_malformed_description_gets_a_message() {
    for (text, says) in [
        ("", "not JSON"),
        ("<html>502</html>", "not JSON"),
        ("[]", "not a JSON object"),
        ("{}", "no TrainingJobName"),
        (r#"{"TrainingJobName": 3, "TrainingJobStatus": "Failed"}"#, "no TrainingJobName"),
    ] {
        assert!(read_job(text).unwrap_err().contains(says), "{text}");
    }
    // Members of the wrong type are left out rather than failing the whole description.
    let odd = read_job(
        r#"{"TrainingJobName": "a", "TrainingJobStatus": "Failed", "FailureReason": 7,
        "SecondaryStatusTransitions": {"x": 1}, "BillableTimeInSeconds": "many"}"#,
    )
    .unwrap();
    assert_eq!((odd.failure_reason.as_str(), odd.timeline.len(), odd.billable_seconds), ("", 0, None));
}

#[test]
fn the_list_is_asked_newest_first_with_its_filters() {
    let body: Value = serde_json::from_str(&list_body(&ListQuery::default())).unwrap();
    assert_eq!(body, json!({"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": PAGE_SIZE}));
    let query = ListQuery { name_contains: " churn ".into(), status: "Failed".into(), next: "token-2".into() };
    let body: Value = serde_json::from_str(&list_body(&query)).unwrap();
    assert_eq!(body["NameContains"], "churn");
    assert_eq!(body["StatusEquals"], "Failed");
    assert_eq!(body["NextToken"], "token-2");
    assert_eq!(name_body("a\"b"), r#"{"TrainingJobName":"a\"b"}"#);
}

#[test]
fn a_list_page_is_read_and_bad_ones_get_a_message() {
    let page = read_list(
        &json!({"TrainingJobSummaries": [
            {"TrainingJobName": "b", "TrainingJobStatus": "InProgress", "CreationTime": 1764205323},
            {"TrainingJobStatus": "Failed"},
            {"TrainingJobName": "a", "TrainingJobStatus": "Completed"}
        ], "NextToken": "more"})
        .to_string(),
    )
    .unwrap();
    let names: Vec<&str> = page.jobs.iter().map(|j| j.name.as_str()).collect();
    assert_eq!(names, ["b", "a"]);
    assert_eq!(page.jobs[0].created, "2025-11-27 01:02:03 UTC");
    assert_eq!(page.next, "more");
    assert_eq!(read_list(r#"{"TrainingJobSummaries": []}"#).unwrap(), ListPage::default());
    assert!(read_list("{}").unwrap_err().contains("TrainingJobSummaries"));
    // Newest first, whatever order the endpoint gave.
    let oldest_first = read_list(
        &json!({"TrainingJobSummaries": [
            {"TrainingJobName": "old", "TrainingJobStatus": "Completed", "CreationTime": 1700000000},
            {"TrainingJobName": "new", "TrainingJobStatus": "InProgress", "CreationTime": 1764205323.5},
            {"TrainingJobName": "mid", "TrainingJobStatus": "Failed", "CreationTime": 1750000000}
        ]})
        .to_string(),
    )
    .unwrap();
    let names: Vec<&str> = oldest_first.jobs.iter().map(|j| j.name.as_str()).collect();
    assert_eq!(names, ["new", "mid", "old"]);
    assert!(read_list("nope").unwrap_err().contains("not JSON"));
}

#[test]
fn a_failure_reason_is_shown_on_the_fields_it_names() {
    let cases: [(&str, &[&str]); 7] = [
        (
            "ClientError: Data download failed:Could not download s3://bucket/train/part-0.csv: NoSuchKey",
            &["InputDataConfig[0].DataSource.S3DataSource.S3Uri"],
        ),
        (
            "ClientError: No S3 objects found under S3 URL \"s3://bucket/train-extra\" given in input data source.",
            &["InputDataConfig[1].DataSource.S3DataSource.S3Uri"],
        ),
        (
            "ClientError: Could not find the 'validation' channel; the algorithm needs it",
            &["InputDataConfig[1].ChannelName"],
        ),
        (
            "ClientError: Access denied for arn:aws:iam::123456789012:role/SageMakerRole to s3://bucket/out",
            &["OutputDataConfig.S3OutputPath", "RoleArn"],
        ),
        (
            "ResourceLimitExceeded: The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances",
            &["ResourceConfig.InstanceType"],
        ),
        (
            "ClientError: Cannot pull 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost: not found",
            &["AlgorithmSpecification.TrainingImage"],
        ),
        ("AlgorithmError: exit code 1 (see the logs)", &[]),
    ];
    for (reason, paths) in cases {
        assert_eq!(failure_paths(reason, &request()), paths, "{reason}");
    }
    // A URI is named only as a whole: s3://bucket/train-extra is not s3://bucket/train/.
    assert_eq!(failure_paths("no objects under s3://bucket/checkpoints2", &request()), Vec::<String>::new());
    assert_eq!(failure_paths("anything", &json!({})), Vec::<String>::new());
}

#[test]
fn console_links_follow_the_partition_and_a_custom_endpoint_has_none() {
    let links = console_links("eu-west-1", "churn", false).unwrap();
    assert_eq!(links.job, "https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/jobs/churn");
    assert!(links
        .logs
        .starts_with("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:"));
    assert!(links.logs.ends_with("TrainingJobs$3FlogStreamNameFilter$3Dchurn"));
    assert!(console_links("cn-north-1", "a", false).unwrap().job.starts_with("https://console.amazonaws.cn/"));
    assert!(console_links("us-gov-west-1", "a", false)
        .unwrap()
        .job
        .starts_with("https://console.amazonaws-us-gov.com/"));
    assert_eq!(console_links("us-east-1", "a", true), None);
}

#[test]
fn each_call_has_its_own_target() {
    for operation in Operation::ALL {
        assert_eq!(Operation::from_target(operation.target()), Some(operation));
    }
    assert_eq!(Operation::Describe.target(), "SageMaker.DescribeTrainingJob");
    assert_eq!(Operation::from_target("SageMaker.DeleteModel"), None);
    assert!(quota_explanation("eu-west-1").contains("eu-west-1") && quota_explanation("x").contains("Service Quotas"));
}

#[test]
fn the_destination_sends_through_its_proxy_or_straight_to_the_endpoint() {
    use tjs::core::sign::Keys;
    let destination = Destination {
        endpoint: "http://127.0.0.1:5000/".into(),
        custom_endpoint: true,
        account_endpoint: String::new(),
        region: "eu-west-1".into(),
        send_via: " aws/ ".into(),
        keys: Keys { access_key_id: "AKID".into(), secret_access_key: "s\"e".into(), session_token: "t".into() },
        timeout_seconds: 7,
        poll_seconds: 1,
    };
    // The log and metrics go to CloudWatch's own endpoints, or all to the account endpoint.
    use tjs::core::jobs::Service;
    assert_eq!(destination.endpoint_for(Service::SageMaker), "http://127.0.0.1:5000/");
    assert_eq!(destination.endpoint_for(Service::Logs), "https://logs.eu-west-1.amazonaws.com/");
    let local = Destination { account_endpoint: " http://127.0.0.1:5001/ ".into(), ..destination.clone() };
    assert_eq!(local.endpoint_for(Service::CloudWatch), "http://127.0.0.1:5001/");
    assert_eq!(local.endpoint_for(Service::SageMaker), "http://127.0.0.1:5000/");
    // Behind a proxy or the forwarder, the target host and path follow the base.
    assert_eq!(destination.send_to("http://127.0.0.1:5000/"), "aws/127.0.0.1:5000/");
    let forwarder = Destination { send_via: "https://abc.lambda-url.eu-west-1.on.aws".into(), ..destination.clone() };
    assert_eq!(
        forwarder.send_to("https://api.sagemaker.eu-west-1.amazonaws.com/"),
        "https://abc.lambda-url.eu-west-1.on.aws/api.sagemaker.eu-west-1.amazonaws.com/"
    );
    assert_eq!(
        Destination { send_via: "/aws/".into(), ..destination.clone() }
            .send_to("https://s3.eu-west-1.amazonaws.com/b?list-type=2"),
        "/aws/s3.eu-west-1.amazonaws.com/b?list-type=2"
    );
    assert!(!destination.needs_a_forwarder());
    let direct = Destination { send_via: String::new(), ..destination.clone() };
    assert_eq!(direct.send_to("http://127.0.0.1:5000/"), "http://127.0.0.1:5000/");
    // A page can call a custom endpoint straight, but not the service's own.
    assert!(!direct.needs_a_forwarder());
    assert!(Destination { custom_endpoint: false, ..direct.clone() }.needs_a_forwarder());
    // A call that got no answer says what to check, for each way of sending.
    assert!(direct.unreachable_advice("https://me.github.io").contains("static-host forwarder"));
    assert!(forwarder.unreachable_advice("https://me.github.io").contains("pages from https://me.github.io"));
    assert!(destination.unreachable_advice("x").contains("forwards aws/"));
}

#[test]
fn a_followed_job_stays_where_it_was_first_looked_up() {
    use tjs::core::jobs::JobPlace;
    use tjs::core::sign::Keys;
    let settings = |region: &str, key: &str| Destination {
        endpoint: format!("https://api.sagemaker.{region}.amazonaws.com/"),
        region: region.into(),
        send_via: "aws/".into(),
        keys: Keys { access_key_id: key.into(), ..Keys::default() },
        timeout_seconds: 30,
        poll_seconds: 5,
        ..Destination::default()
    };
    let mut place = JobPlace::default();
    assert_eq!(place.region(), "");
    let first = place.destination(&settings("eu-west-1", "A"));
    assert_eq!((first.region.as_str(), first.keys.access_key_id.as_str()), ("eu-west-1", "A"));
    assert_eq!(place.region(), "eu-west-1");
    // The user picks another region for the next job, and new keys: the job is still asked
    // about where it lives, with the keys as they are now.
    let later = place.destination(&Destination { timeout_seconds: 7, ..settings("us-east-1", "B") });
    assert_eq!(later.endpoint, "https://api.sagemaker.eu-west-1.amazonaws.com/");
    assert_eq!(
        (later.region.as_str(), later.keys.access_key_id.as_str(), later.timeout_seconds),
        ("eu-west-1", "B", 7)
    );
    // Following another job starts afresh.
    place.forget();
    assert_eq!(place.destination(&settings("us-east-1", "B")).region, "us-east-1");
}
