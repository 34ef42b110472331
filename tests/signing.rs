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
}

#[test]
fn the_worker_protocol_signs_like_the_direct_call_and_refuses_bad_input() {
    use tjs::core::sign::{answer, sign_request, Keys, SignJob, Signed};
    let keys =
        Keys { access_key_id: "AKIDEXAMPLE".into(), secret_access_key: "secret".into(), session_token: "tok".into() };
    let job = SignJob {
        endpoint: "https://api.sagemaker.eu-west-1.amazonaws.com/".into(),
        region: "eu-west-1".into(),
        keys: keys.clone(),
        target: CREATE.into(),
        body: "{\"TrainingJobName\":\"x\"}".into(),
        time_ms: 1_700_000_000_123,
    };
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(job.time_ms);
    let direct = sign_request(&job.endpoint, &job.region, &keys, &job.target, &job.body, time).unwrap();
    let through_worker: Signed = serde_json::from_str(&answer(&serde_json::to_string(&job).unwrap())).unwrap();
    assert_eq!(through_worker, Signed::Ok(direct));
    for bad in ["", "null", "{\"endpoint\": 3}", "not json"] {
        let refused: Signed = serde_json::from_str(&answer(bad)).unwrap();
        assert!(matches!(refused, Signed::Err(ref m) if m.contains("malformed")), "{bad}: {refused:?}");
    }
    let no_keys = SignJob { keys: Keys::default(), ..job };
    let refused: Signed = serde_json::from_str(&answer(&serde_json::to_string(&no_keys).unwrap())).unwrap();
    assert!(matches!(refused, Signed::Err(ref m) if m.contains("access key")));
}

#[test]
fn the_page_and_the_worker_read_each_other() {
    use tjs::core::sign::{answer, job_json, read_answer, Keys, SignJob};
    let job = SignJob {
        endpoint: "https://api.sagemaker.eu-west-1.amazonaws.com/".into(),
        region: "eu-west-1".into(),
        keys: Keys { access_key_id: "AKID".into(), secret_access_key: "s\"ecret".into(), session_token: "tok".into() },
        target: "SageMaker.DescribeTrainingJob".into(),
        body: "{\"a\": \"ü\"}".into(),
        time_ms: 1_700_000_000_000,
    };
    // What the page writes is what the derived reader of the worker reads.
    assert_eq!(serde_json::from_str::<SignJob>(&job_json(&job)).unwrap(), job);
    assert_eq!(job_json(&job), serde_json::to_string(&job).unwrap());
    let signed = read_answer(&answer(&job_json(&job))).unwrap();
    assert_eq!(signed.url, job.endpoint);
    assert!(signed.headers.iter().any(|(k, v)| k == "x-amz-security-token" && v == "tok"), "{:?}", signed.headers);
    assert!(read_answer(r#"{"Err":"bad keys"}"#).unwrap_err().contains("bad keys"));
    assert!(read_answer("nonsense").is_err());
}

#[test]
fn each_call_is_signed_with_its_own_target_and_unknown_ones_are_refused() {
    use tjs::core::jobs::Operation;
    let time = UNIX_EPOCH + Duration::from_secs(TIME_SECS);
    for operation in [Operation::Create, Operation::Describe, Operation::Stop, Operation::List] {
        let signed =
            sign_request("http://127.0.0.1:5000/", "us-east-1", &keys(""), operation.target(), BODY, time).unwrap();
        assert_eq!(header(&signed.headers, "x-amz-target"), operation.target());
        assert!(header(&signed.headers, "authorization").contains("x-amz-target"), "the target is signed");
    }
    let refused = sign_request("http://127.0.0.1:5000/", "us-east-1", &keys(""), "SageMaker.DeleteModel", BODY, time);
    assert!(refused.unwrap_err().contains("DeleteModel"));
}
