//! SigV4 signing of the app's calls (behaviour §6, §11, §15): CreateTrainingJob, the calls that
//! follow the job, and the reads of its log and metrics, each with its own `X-Amz-Target`
//! ([`super::jobs::Operation`]) and its service's name and content type, with the `aws-sigv4` crate.
//!
//! Pure: the caller passes the time, because `SystemTime::now()` panics on wasm32; the browser
//! builds it from `Date.now()`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use super::account::{AccountCall, AccountService};
use super::jobs::{Operation, Service};
use super::unicode::isolate;

/// The AWS credentials a request is signed with, as the user gave them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Keys {
    /// The access key id (`AKIA...` for long-term keys, `ASIA...` for temporary ones); surrounding
    /// spaces are ignored.
    pub access_key_id: String,
    /// The secret access key, used exactly as given. It is not part of the request: only the
    /// signature made with it is.
    pub secret_access_key: String,
    /// Empty for long-term keys.
    pub session_token: String,
}

/// What to send: headers to add to the `POST` (besides `Host`, which the URL or proxy sets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedRequest {
    /// Where to `POST`: the endpoint that was signed, with a path (`/` if it had none).
    pub url: String,
    /// Names (lower case) and values: `content-type` and `x-amz-target`, then what the signer adds
    /// (`x-amz-date`, `authorization`, and `x-amz-security-token` with a session token).
    pub headers: Vec<(String, String)>,
}

/// SageMaker's endpoint in a region, in its partition's domain.
pub fn default_endpoint(region: &str) -> String {
    Service::SageMaker.default_endpoint(region)
}

/// Signs a `POST` of `body` to `endpoint` (the URL whose host and path are signed), calling the
/// operation that `target` names (`SageMaker.CreateTrainingJob`), for the service that answers it.
/// A target the app does not call is refused: nothing else can be signed.
pub fn sign_request(
    endpoint: &str,
    region: &str,
    keys: &Keys,
    target: &str,
    body: &str,
    time: SystemTime,
) -> Result<SignedRequest, String> {
    let url = normalize_endpoint(endpoint)?;
    let service =
        Operation::from_target(target).ok_or_else(|| format!("This app does not make \"{target}\" calls."))?.service();
    let headers = [("content-type", service.content_type()), ("x-amz-target", target)];
    let call = Unsigned {
        method: "POST",
        url: &url,
        signing_name: service.signing_name(),
        region,
        headers: &headers,
        body,
        s3: false,
    };
    sign_unsigned(&call, keys, time)
}

/// A call to sign, as the signer needs it.
struct Unsigned<'a> {
    method: &'a str,
    url: &'a str,
    signing_name: &'a str,
    region: &'a str,
    headers: &'a [(&'a str, &'a str)],
    body: &'a str,
    /// S3 wants the payload's hash in a header and its paths encoded once.
    s3: bool,
}

fn sign_unsigned(call: &Unsigned, keys: &Keys, time: SystemTime) -> Result<SignedRequest, String> {
    let region = call.region;
    if keys.access_key_id.trim().is_empty() || keys.secret_access_key.is_empty() {
        return Err("Enter an access key id and a secret access key.".into());
    }
    if region.trim().is_empty() {
        return Err("Choose a region.".into());
    }
    // aws-sigv4 formats the time with the `time` crate, which panics past the year 9999.
    let last_second = UNIX_EPOCH + Duration::from_secs(253_402_300_799);
    if time > last_second {
        return Err("The signing time is out of range; check the computer's clock.".into());
    }
    let token = Some(keys.session_token.trim().to_string()).filter(|t| !t.is_empty());
    let identity: Identity = Credentials::new(
        keys.access_key_id.trim(),
        keys.secret_access_key.clone(),
        token.clone(),
        None,
        "training-job-studio",
    )
    .into();
    let mut settings = SigningSettings::default();
    if call.s3 {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region.trim())
        .name(call.signing_name)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| format!("Cannot sign: {e}"))?
        .into();
    let url = call.url;
    let signable =
        SignableRequest::new(call.method, url, call.headers.iter().copied(), SignableBody::Bytes(call.body.as_bytes()))
            .map_err(|e| format!("Cannot sign for {url}: {e}"))?;
    let (instructions, _) = sign(signable, &params).map_err(|e| format!("Cannot sign: {e}"))?.into_parts();
    let mut out: Vec<(String, String)> = call.headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    out.extend(instructions.headers().map(|(k, v)| (k.to_string(), v.to_string())));
    Ok(SignedRequest { url: url.to_string(), headers: out })
}

/// Signs an account lookup's call (behaviour §13), which [`crate::core::account::call_for`] built
/// from a lookup: only such reads can be signed this way.
pub fn sign_call(call: &AccountCall, keys: &Keys, time: SystemTime) -> Result<SignedRequest, String> {
    let url = normalize_endpoint(&call.url)?;
    let content_type = call.content_type();
    let mut headers: Vec<(&str, &str)> = content_type.map(|c| ("content-type", c)).into_iter().collect();
    headers.extend(call.headers.iter().map(|(k, v)| (*k, v.as_str())));
    let unsigned = Unsigned {
        method: call.method,
        url: &url,
        signing_name: call.service.signing_name(),
        region: &call.region,
        headers: &headers,
        body: &call.body,
        s3: call.service == AccountService::S3,
    };
    sign_unsigned(&unsigned, keys, time)
}

/// Checks that an endpoint is an absolute http(s) URL and gives it a path (`/` if none).
pub fn normalize_endpoint(endpoint: &str) -> Result<String, String> {
    let endpoint = endpoint.trim();
    let rest = endpoint.strip_prefix("https://").or_else(|| endpoint.strip_prefix("http://")).ok_or_else(|| {
        format!("The endpoint must start with https:// or http:// (it is \"{}\").", isolate(endpoint))
    })?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '?' || c == '#') {
        return Err(format!("The endpoint \"{}\" has no valid host.", isolate(endpoint)));
    }
    Ok(if rest.contains('/') { endpoint.to_string() } else { format!("{endpoint}/") })
}

/// The headers as shown to the user before sending, with the secret parts redacted.
pub fn redacted(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            let v = match k.as_str() {
                "x-amz-security-token" => "(session token, redacted)".to_string(),
                "authorization" => match v.split_once("Signature=") {
                    Some((head, _)) => format!("{head}Signature=(redacted)"),
                    None => v.clone(),
                },
                _ => v.clone(),
            };
            (k.clone(), v)
        })
        .collect()
}

/// What the page asks the service worker (`src/bin/service_worker.rs`) for. Signing runs in a worker loaded
/// when the user first submits, so aws-sigv4 and its dependencies (about 50 KB gzipped) are not
/// part of the first load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignJob {
    /// The URL whose host and path are signed: the real SageMaker endpoint, even when a proxy on
    /// the page's origin forwards the call.
    pub endpoint: String,
    /// The region to sign for (`us-east-1`).
    pub region: String,
    /// The credentials to sign with.
    pub keys: Keys,
    /// The operation's `X-Amz-Target` ([`super::jobs::Operation::target`]).
    pub target: String,
    /// The exact body text; it is signed byte for byte, so it must be sent unchanged.
    pub body: String,
    /// Milliseconds since the Unix epoch (`Date.now()`).
    pub time_ms: u64,
}

/// A [`SignJob`] as the worker reads it. Written with `serde_json::Value` rather than the derived
/// serializer, which would add its code to the page's first load; a test holds the two equal.
pub fn job_json(job: &SignJob) -> String {
    serde_json::json!({
        "endpoint": job.endpoint,
        "region": job.region,
        "keys": {
            "access_key_id": job.keys.access_key_id,
            "secret_access_key": job.keys.secret_access_key,
            "session_token": job.keys.session_token,
        },
        "target": job.target,
        "body": job.body,
        "time_ms": job.time_ms,
    })
    .to_string()
}

/// Signs `job` at the time it carries: what the service worker does with a
/// `protocol::service::Question::Sign`.
pub fn sign_job(job: &SignJob) -> Result<SignedRequest, String> {
    let time = UNIX_EPOCH + Duration::from_millis(job.time_ms);
    sign_request(&job.endpoint, &job.region, &job.keys, &job.target, &job.body, time)
}
