//! SigV4 signing of a `CreateTrainingJob` call (SPEC S6), with the `aws-sigv4` crate.
//!
//! Pure: the caller passes the time, because `SystemTime::now()` panics on wasm32; the browser
//! builds it from `Date.now()`.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
pub const TARGET: &str = "SageMaker.CreateTrainingJob";
pub const SIGNING_NAME: &str = "sagemaker";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Empty for long-term keys.
    pub session_token: String,
}

/// What to send: headers to add to the `POST` (besides `Host`, which the URL or proxy sets).
#[derive(Debug, Clone, PartialEq)]
pub struct SignedRequest {
    pub url: String,
    pub headers: Vec<(String, String)>,
}

/// The default endpoint of a region, in its partition's domain.
pub fn default_endpoint(region: &str) -> String {
    let domain = if region.starts_with("cn-") { "amazonaws.com.cn" } else { "amazonaws.com" };
    format!("https://api.sagemaker.{region}.{domain}/")
}

/// Signs a `POST` of `body` to `endpoint` (the URL whose host and path are signed).
pub fn sign_request(
    endpoint: &str,
    region: &str,
    keys: &Keys,
    body: &str,
    time: SystemTime,
) -> Result<SignedRequest, String> {
    let url = normalize_endpoint(endpoint)?;
    if keys.access_key_id.trim().is_empty() || keys.secret_access_key.is_empty() {
        return Err("Enter an access key id and a secret access key.".into());
    }
    if region.trim().is_empty() {
        return Err("Choose a region.".into());
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
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region.trim())
        .name(SIGNING_NAME)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| format!("Cannot sign: {e}"))?
        .into();
    let headers = [("content-type", CONTENT_TYPE), ("x-amz-target", TARGET)];
    let signable = SignableRequest::new("POST", &url, headers.iter().copied(), SignableBody::Bytes(body.as_bytes()))
        .map_err(|e| format!("Cannot sign for {url}: {e}"))?;
    let (instructions, _) = sign(signable, &params).map_err(|e| format!("Cannot sign: {e}"))?.into_parts();
    let mut out: Vec<(String, String)> = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    out.extend(instructions.headers().map(|(k, v)| (k.to_string(), v.to_string())));
    Ok(SignedRequest { url, headers: out })
}

/// Checks that an endpoint is an absolute http(s) URL and gives it a path (`/` if none).
pub fn normalize_endpoint(endpoint: &str) -> Result<String, String> {
    let endpoint = endpoint.trim();
    let rest = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .ok_or_else(|| format!("The endpoint must start with https:// or http:// (it is \"{endpoint}\")."))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '?' || c == '#') {
        return Err(format!("The endpoint \"{endpoint}\" has no valid host."));
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
