//! The HTTP call that carries out each [`Lookup`]: which service, method, URL, headers and body.
//! Every call here reads; nothing in this module can ask the account to change (behaviour §13).
//! The shells sign the call ([`crate::core::sign::sign_call`]), send it, and read the answer with
//! [`super::answers::read`].
//!
//! ```
//! use tjs::core::account::{call_for, Lookup};
//! let call = call_for(&Lookup::BucketRegion("my-data".into()), "eu-west-1", "");
//! assert_eq!((call.method, call.url.as_str()), ("GET", "https://s3.amazonaws.com/my-data?location="));
//! assert_eq!(call.region, "us-east-1");
//! ```

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::Lookup;
use crate::core::regions;

/// The services the account checks read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountService {
    /// AWS STS (query protocol).
    Sts,
    /// IAM (query protocol; one endpoint per partition).
    Iam,
    /// S3 (REST, path-style addresses).
    S3,
    /// EC2 (its query protocol).
    Ec2,
    /// KMS (JSON 1.1).
    Kms,
    /// ECR (JSON 1.1).
    Ecr,
}

impl AccountService {
    /// The service name in the SigV4 credential scope.
    pub fn signing_name(self) -> &'static str {
        match self {
            AccountService::Sts => "sts",
            AccountService::Iam => "iam",
            AccountService::S3 => "s3",
            AccountService::Ec2 => "ec2",
            AccountService::Kms => "kms",
            AccountService::Ecr => "ecr",
        }
    }

    /// Whether a browser may call the service from a page of another origin: the AWS SDK for
    /// JavaScript's service metadata marks all but S3 (whose CORS is each bucket owner's choice).
    pub fn accepts_cors(self) -> bool {
        self != AccountService::S3
    }
}

/// One call, ready to be signed.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountCall {
    /// Whom it asks.
    pub service: AccountService,
    /// The region it is signed for (IAM's and S3's bucket-location calls are global).
    pub region: String,
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The URL that is signed and called.
    pub url: String,
    /// The headers besides what signing adds (`content-type`, `x-amz-target`).
    pub headers: Vec<(&'static str, String)>,
    /// The body; empty for a `GET`.
    pub body: String,
}

/// What RFC 3986 leaves unreserved stays as it is; everything else is percent-encoded, as SigV4's
/// canonical query string wants.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn encoded(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// A query-protocol body: `Action`, `Version`, then the parameters, each encoded.
fn query_body(action: &str, version: &str, parameters: &[(String, String)]) -> String {
    let mut body = format!("Action={action}&Version={version}");
    for (name, value) in parameters {
        body.push('&');
        body.push_str(&encoded(name));
        body.push('=');
        body.push_str(&encoded(value));
    }
    body
}

/// EC2's filter parameters: `Filter.1.Name=<name>` and one `Filter.1.Value.<n>` per value. A
/// filter, unlike IDs given as such, leaves out what does not exist instead of failing the call.
fn ec2_filter(name: &str, values: &[String]) -> Vec<(String, String)> {
    let mut parameters = vec![("Filter.1.Name".to_string(), name.to_string())];
    parameters.extend(values.iter().enumerate().map(|(i, v)| (format!("Filter.1.Value.{}", i + 1), v.clone())));
    parameters
}

/// The region IAM is signed for in `region`'s partition, and its endpoint.
fn iam_home(region: &str) -> (&'static str, &'static str) {
    if region.starts_with("cn-") {
        ("cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn/")
    } else if region.starts_with("us-gov-") {
        ("us-gov-west-1", "https://iam.us-gov.amazonaws.com/")
    } else {
        ("us-east-1", "https://iam.amazonaws.com/")
    }
}

/// A KMS key's region when the request names it by ARN (`arn:aws:kms:<region>:...`).
pub(super) fn arn_region(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    (parts.next()? == "arn").then_some(())?;
    parts.nth(2).filter(|r| !r.is_empty())
}

/// The call for `lookup`, for a job in `region`. `endpoint`, when not empty, stands for every
/// service (a local stack serves them all at one URL); otherwise each service's own endpoint.
pub fn call_for(lookup: &Lookup, region: &str, endpoint: &str) -> AccountCall {
    let region = region.trim();
    let domain = regions::domain(region);
    let own = |host: &str| format!("https://{host}.{region}.{domain}/");
    let mut call = match lookup {
        Lookup::CallerIdentity => AccountCall {
            service: AccountService::Sts,
            region: region.to_string(),
            method: "POST",
            url: own("sts"),
            headers: vec![],
            body: query_body("GetCallerIdentity", "2011-06-15", &[]),
        },
        Lookup::Role(name) => {
            let (home, url) = iam_home(region);
            AccountCall {
                service: AccountService::Iam,
                region: home.to_string(),
                method: "POST",
                url: url.to_string(),
                headers: vec![],
                body: query_body("GetRole", "2010-05-08", &[("RoleName".into(), name.clone())]),
            }
        }
        // A bucket's location is answered from the partition's first region, wherever it is.
        Lookup::BucketRegion(bucket) => {
            let home = iam_home(region).0;
            let url = if home == "us-east-1" {
                "https://s3.amazonaws.com/".to_string()
            } else {
                format!("https://s3.{home}.{domain}/")
            };
            AccountCall {
                service: AccountService::S3,
                region: home.to_string(),
                method: "GET",
                url: format!("{url}{}?location=", encoded(bucket)),
                headers: vec![],
                body: String::new(),
            }
        }
        Lookup::Objects { bucket, prefix } => AccountCall {
            service: AccountService::S3,
            region: region.to_string(),
            method: "GET",
            url: format!("{}{}?list-type=2&max-keys=1&prefix={}", own("s3"), encoded(bucket), encoded(prefix)),
            headers: vec![],
            body: String::new(),
        },
        Lookup::Subnets(ids) => ec2(region, "DescribeSubnets", ec2_filter("subnet-id", ids)),
        Lookup::SecurityGroups(ids) => ec2(region, "DescribeSecurityGroups", ec2_filter("group-id", ids)),
        Lookup::InstanceTypes(types) => ec2(region, "DescribeInstanceTypes", ec2_filter("instance-type", types)),
        Lookup::RouteTables(vpc) => ec2(region, "DescribeRouteTables", ec2_filter("vpc-id", std::slice::from_ref(vpc))),
        Lookup::VpcEndpoints(vpc) => {
            ec2(region, "DescribeVpcEndpoints", ec2_filter("vpc-id", std::slice::from_ref(vpc)))
        }
        Lookup::Image { repository, tag, digest } => {
            let id = match (tag, digest) {
                (_, Some(digest)) => serde_json::json!({ "imageDigest": digest }),
                (tag, None) => serde_json::json!({ "imageTag": tag.as_deref().unwrap_or("latest") }),
            };
            json_call(
                AccountService::Ecr,
                region,
                own("api.ecr"),
                "AmazonEC2ContainerRegistry_V20150921.DescribeImages",
                serde_json::json!({ "repositoryName": repository, "imageIds": [id] }),
            )
        }
        // A key named by ARN is asked of its own region, which may not be the job's.
        Lookup::Key(key) => {
            let at = arn_region(key).unwrap_or(region);
            let url = format!("https://kms.{at}.{}/", regions::domain(at));
            json_call(AccountService::Kms, at, url, "TrentService.DescribeKey", serde_json::json!({ "KeyId": key }))
        }
    };
    let endpoint = endpoint.trim();
    if !endpoint.is_empty() {
        let base = if endpoint.ends_with('/') { endpoint.to_string() } else { format!("{endpoint}/") };
        let path_and_query = call.url.splitn(4, '/').nth(3).unwrap_or_default().to_string();
        call.url = format!("{base}{path_and_query}");
    }
    call
}

fn ec2(region: &str, action: &str, parameters: Vec<(String, String)>) -> AccountCall {
    AccountCall {
        service: AccountService::Ec2,
        region: region.to_string(),
        method: "POST",
        url: format!("https://ec2.{region}.{}/", regions::domain(region)),
        headers: vec![],
        body: query_body(action, "2016-11-15", &parameters),
    }
}

fn json_call(service: AccountService, region: &str, url: String, target: &str, body: serde_json::Value) -> AccountCall {
    AccountCall {
        service,
        region: region.to_string(),
        method: "POST",
        url,
        headers: vec![("x-amz-target", target.to_string())],
        body: body.to_string(),
    }
}

impl AccountCall {
    /// Where the page sends the call, with *Send via* `send_via`: straight to a service that
    /// accepts calls from a page (IAM, STS, EC2, KMS, ECR); S3's through the proxy or forwarder;
    /// and every call through it when `every_call_via` (a local stack, or a network that refuses
    /// direct calls). With no *Send via*, straight to the URL.
    pub fn send_to(&self, send_via: &str, every_call_via: bool) -> String {
        if self.service.accepts_cors() && !every_call_via {
            self.url.clone()
        } else {
            crate::core::jobs::sent_via(send_via, &self.url)
        }
    }

    /// The request's `Content-Type`, for a call with a body.
    pub fn content_type(&self) -> Option<&'static str> {
        match self.service {
            AccountService::S3 => None,
            AccountService::Kms | AccountService::Ecr => Some("application/x-amz-json-1.1"),
            _ => Some("application/x-www-form-urlencoded; charset=utf-8"),
        }
    }
}
