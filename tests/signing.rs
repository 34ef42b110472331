//! The signature must be what botocore computes for the same inputs and time: the expected
//! headers come from `tools/sigv4_vector.py` (botocore 1.44.8), an independent signer.

use std::time::{Duration, UNIX_EPOCH};

use tjs::core::sign::{default_endpoint, normalize_endpoint, redacted, sign_request, Keys};

const CREATE: &str = "SageMaker.CreateTrainingJob";
const BODY: &str = r#"{"TrainingJobName":"sig-test"}"#;
// 2026-01-02T03:04:05Z
const TIME_SECS: u64 = 1_767_323_045;

fn keys(token: &str) -> Keys {
    Keys {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: token.into(),
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {name} header"))
}

#[test]
fn matches_botocore_for_long_term_keys() {
    let time = UNIX_EPOCH + Duration::from_secs(TIME_SECS);
    let signed =
        sign_request("https://api.sagemaker.us-east-1.amazonaws.com", "us-east-1", &keys(""), CREATE, BODY, time)
            .unwrap();
    assert_eq!(signed.url, "https://api.sagemaker.us-east-1.amazonaws.com/");
    assert_eq!(header(&signed.headers, "x-amz-date"), "20260102T030405Z");
    assert_eq!(header(&signed.headers, "content-type"), "application/x-amz-json-1.1");
    assert_eq!(header(&signed.headers, "x-amz-target"), "SageMaker.CreateTrainingJob");
    assert_eq!(
        header(&signed.headers, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/sagemaker/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
         Signature=fad453328ad53937f68c0aa3d4d361e57e25994c917e699ba6e3d65cdec8e1aa"
    );
    assert!(!signed.headers.iter().any(|(k, _)| k == "x-amz-security-token"));
}

#[test]
fn matches_botocore_with_a_session_token_and_a_local_endpoint() {
    let time = UNIX_EPOCH + Duration::from_secs(TIME_SECS);
    let signed =
        sign_request("http://127.0.0.1:5000/", "eu-west-1", &keys("FQoGZXIvYXdzEXAMPLETOKEN"), CREATE, BODY, time)
            .unwrap();
    assert_eq!(header(&signed.headers, "x-amz-security-token"), "FQoGZXIvYXdzEXAMPLETOKEN");
    assert_eq!(
        header(&signed.headers, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/sagemaker/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, \
         Signature=368a4b81d646e54b3d83c396c85d0ace1b6b93ca8ca72013a2ca4450f1dea0c2"
    );
    let shown = redacted(&signed.headers);
    assert!(!format!("{shown:?}").contains("FQoGZXIvYXdzEXAMPLETOKEN"));
    assert!(!format!("{shown:?}").contains("368a4b81"));
}

#[test]
fn a_different_secret_gives_a_different_signature() {
    let time = UNIX_EPOCH + Duration::from_secs(TIME_SECS);
    let mut wrong = keys("");
    wrong.secret_access_key.push('x');
    let a = sign_request("http://127.0.0.1:5000/", "us-east-1", &keys(""), CREATE, BODY, time).unwrap();
    let b = sign_request("http://127.0.0.1:5000/", "us-east-1", &wrong, CREATE, BODY, time).unwrap();
    assert_ne!(header(&a.headers, "authorization"), header(&b.headers, "authorization"));
}

#[test]
fn refuses_bad_endpoints_and_missing_keys() {
    let time = UNIX_EPOCH + Duration::from_secs(TIME_SECS);
    assert!(sign_request("ftp://x", "us-east-1", &keys(""), CREATE, BODY, time).is_err());
    assert!(sign_request("https://", "us-east-1", &keys(""), CREATE, BODY, time).is_err());
    assert!(sign_request("https://x/", "us-east-1", &Keys::default(), CREATE, BODY, time).is_err());
    assert_eq!(normalize_endpoint(" https://h:1 ").unwrap(), "https://h:1/");
}

#[test]
fn default_endpoints_follow_the_partition() {
    assert_eq!(default_endpoint("eu-west-1"), "https://api.sagemaker.eu-west-1.amazonaws.com/");
    assert_eq!(default_endpoint("cn-north-1"), "https://api.sagemaker.cn-north-1.amazonaws.com.cn/");
    assert_eq!(default_endpoint("us-gov-west-1"), "https://api.sagemaker.us-gov-west-1.amazonaws.com/");
    use tjs::core::jobs::Service;
    assert_eq!(Service::Logs.default_endpoint("eu-west-1"), "https://logs.eu-west-1.amazonaws.com/");
    assert_eq!(Service::CloudWatch.default_endpoint("cn-north-1"), "https://monitoring.cn-north-1.amazonaws.com.cn/");
}

#[test]
fn each_call_is_signed_with_its_own_target_and_unknown_ones_are_refused() {
    use tjs::core::jobs::Operation;
    let time = UNIX_EPOCH + Duration::from_secs(TIME_SECS);
    for operation in Operation::ALL {
        let signed =
            sign_request("http://127.0.0.1:5000/", "us-east-1", &keys(""), operation.target(), BODY, time).unwrap();
        assert_eq!(header(&signed.headers, "x-amz-target"), operation.target());
        assert_eq!(header(&signed.headers, "content-type"), operation.service().content_type());
        let authorization = header(&signed.headers, "authorization");
        assert!(authorization.contains("x-amz-target"), "the target is signed");
        let scope = format!("/us-east-1/{}/aws4_request", operation.service().signing_name());
        assert!(authorization.contains(&scope), "{authorization}");
    }
    let logs =
        sign_request("http://127.0.0.1:5000/", "us-east-1", &keys(""), "Logs_20140328.DeleteLogGroup", BODY, time);
    assert!(logs.unwrap_err().contains("DeleteLogGroup"), "only the reads the app makes are signed");
    let refused = sign_request("http://127.0.0.1:5000/", "us-east-1", &keys(""), "SageMaker.DeleteModel", BODY, time);
    assert!(refused.unwrap_err().contains("DeleteModel"));
}

#[test]
fn log_and_metric_reads_match_botocore_for_their_services() {
    let time = UNIX_EPOCH + Duration::from_secs(TIME_SECS);
    let cases = [
        (
            "https://logs.us-east-1.amazonaws.com/",
            "Logs_20140328.GetLogEvents",
            "application/x-amz-json-1.1",
            "logs",
            "03c646f376e3dbacf4e937d91e7220db78074edffe1770adc8f90800d6e8ddf2",
        ),
        (
            "https://monitoring.us-east-1.amazonaws.com/",
            "GraniteServiceVersion20100801.GetMetricData",
            "application/x-amz-json-1.0",
            "monitoring",
            "ecde4fbed4de7fc555c658cbddad6d2998da5c148045b5efb03d62e0a6595fba",
        ),
    ];
    for (endpoint, target, content_type, service, signature) in cases {
        let signed = sign_request(endpoint, "us-east-1", &keys(""), target, BODY, time).unwrap();
        assert_eq!(header(&signed.headers, "content-type"), content_type);
        assert_eq!(
            header(&signed.headers, "authorization"),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/{service}/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={signature}"
            )
        );
    }
}
