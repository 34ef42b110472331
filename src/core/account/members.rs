//! The members of a request the account checks read: the role, every S3 location, the VPC, the
//! training image and every KMS key, each with its path in the form.

use serde_json::Value;

use crate::core::algorithm::EcrImage;

/// Every string in `value` under a member for which `wanted` holds, with its path
/// (`InputDataConfig[0].DataSource.S3DataSource.S3Uri`), in document order.
fn strings_under<'a>(value: &'a Value, wanted: &dyn Fn(&str) -> bool) -> Vec<(String, &'a str)> {
    fn walk<'a>(value: &'a Value, path: &str, wanted: &dyn Fn(&str) -> bool, out: &mut Vec<(String, &'a str)>) {
        match value {
            Value::Object(members) => {
                for (name, child) in members {
                    let here = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                    match child.as_str() {
                        Some(text) if wanted(name) => out.push((here, text)),
                        _ => walk(child, &here, wanted, out),
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{path}[{i}]"), wanted, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "", wanted, &mut out);
    out
}

/// The role's name: the last part of `RoleArn` (`arn:aws:iam::1:role/path/name` gives `name`).
pub fn role_name(request: &Value) -> Option<String> {
    let arn = request.get("RoleArn")?.as_str()?;
    let mut parts = arn.splitn(6, ':');
    let (scheme, _partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let resource = parts.nth(2)?;
    if scheme != "arn" || service != "iam" {
        return None;
    }
    let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
    (!name.is_empty()).then(|| name.to_string())
}

/// An S3 location the request names.
#[derive(Debug, Clone, PartialEq)]
pub struct S3Member {
    /// Its path in the form.
    pub path: String,
    /// Its bucket.
    pub bucket: String,
    /// For an input channel, the prefix (or the manifest's key) under which an object must be.
    pub must_hold: Option<String>,
    /// Whether the URI names a manifest object, which must exist under exactly that key.
    pub manifest: bool,
}

/// `s3://bucket/key` as (bucket, key); `None` for other schemes (an `https://` URI is not looked up).
pub fn split_s3_uri(uri: &str) -> Option<(&str, &str)> {
    let rest = uri.trim().strip_prefix("s3://")?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then_some((bucket, key))
}

/// Every S3 location of the request (inputs, output, checkpoints, debugger, profiler,
/// TensorBoard: each `S3Uri` and `S3OutputPath`), in document order.
pub fn s3_members(request: &Value) -> Vec<S3Member> {
    let channels = request.get("InputDataConfig").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let input_kinds: Vec<(String, String)> = channels
        .iter()
        .enumerate()
        .filter_map(|(i, channel)| {
            let kind = channel.pointer("/DataSource/S3DataSource/S3DataType")?.as_str()?;
            Some((format!("InputDataConfig[{i}].DataSource.S3DataSource.S3Uri"), kind.to_string()))
        })
        .collect();
    strings_under(request, &|name| name == "S3Uri" || name == "S3OutputPath")
        .into_iter()
        .filter_map(|(path, uri)| {
            let (bucket, key) = split_s3_uri(uri)?;
            // An input channel's data: its S3DataSource says how the URI is read.
            let kind = input_kinds.iter().find(|(p, _)| *p == path).map(|(_, kind)| kind.clone());
            let manifest = matches!(kind.as_deref(), Some("ManifestFile" | "AugmentedManifestFile"));
            let must_hold = match kind.as_deref() {
                Some("S3Prefix" | "ManifestFile" | "AugmentedManifestFile") => Some(key.to_string()),
                _ => None,
            };
            Some(S3Member { path, bucket: bucket.to_string(), must_hold, manifest })
        })
        .collect()
}

/// The request's VPC members, as given (with their paths' indices) and as looked up (sorted,
/// without duplicates).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Vpc {
    /// `VpcConfig.Subnets` as given.
    pub subnets_given: Vec<String>,
    /// `VpcConfig.SecurityGroupIds` as given.
    pub groups_given: Vec<String>,
    /// The subnets to look up.
    pub subnets: Vec<String>,
    /// The security groups to look up.
    pub security_groups: Vec<String>,
}

/// The request's `VpcConfig`.
pub fn vpc(request: &Value) -> Vpc {
    let list = |key: &str| -> Vec<String> {
        request
            .pointer(&format!("/VpcConfig/{key}"))
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).map(|s| s.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let (subnets_given, groups_given) = (list("Subnets"), list("SecurityGroupIds"));
    let looked_up = |given: &[String]| {
        let mut ids: Vec<String> = given.iter().filter(|s| !s.is_empty()).cloned().collect();
        ids.sort();
        ids.dedup();
        ids
    };
    Vpc { subnets: looked_up(&subnets_given), security_groups: looked_up(&groups_given), subnets_given, groups_given }
}

/// An image in an ECR registry of the job's region.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionImage {
    /// The registry's account.
    pub account: String,
    /// The repository.
    pub repository: String,
    /// The tag, if named by tag.
    pub tag: Option<String>,
    /// The digest, if named by digest.
    pub digest: Option<String>,
}

/// The training image, when it is in an ECR registry of the job's region (whether it is the
/// caller's own is for the caller's identity to say).
pub fn own_region_image(request: &Value, region: &str) -> Option<RegionImage> {
    let uri = request.pointer("/AlgorithmSpecification/TrainingImage")?.as_str()?;
    let image = EcrImage::parse(uri)?;
    if image.region != region {
        return None;
    }
    let digest = uri.trim().split_once('@').map(|(_, digest)| digest.to_string());
    // SageMaker pulls `latest` when no tag or digest is given.
    let tag = image.tag.map(str::to_string).or_else(|| digest.is_none().then(|| "latest".to_string()));
    Some(RegionImage { account: image.account.to_string(), repository: image.repository.to_string(), tag, digest })
}

/// Every KMS key the request names (each member whose name ends in `KmsKeyId`), with its path.
pub fn kms_keys(request: &Value) -> Vec<(String, String)> {
    strings_under(request, &|name| name.ends_with("KmsKeyId"))
        .into_iter()
        .map(|(path, key)| (path, key.trim().to_string()))
        .filter(|(_, key)| !key.is_empty())
        .collect()
}

/// The job's instances: (instance type, count) of `ResourceConfig` and of each instance group.
pub fn instances(request: &Value) -> Vec<(String, u64)> {
    let resources = request.get("ResourceConfig");
    let of = |v: &Value| -> Option<(String, u64)> {
        Some((v.get("InstanceType")?.as_str()?.to_string(), v.get("InstanceCount")?.as_u64()?))
    };
    let groups = resources.and_then(|r| r.get("InstanceGroups")).and_then(Value::as_array);
    resources.and_then(of).into_iter().chain(groups.into_iter().flatten().filter_map(of)).collect()
}

/// The job's instance types as EC2 names them (`ml.p4d.24xlarge` is `p4d.24xlarge`), sorted,
/// without duplicates.
pub fn ec2_instance_types(request: &Value) -> Vec<String> {
    let mut types: Vec<String> =
        instances(request).into_iter().filter_map(|(t, _)| t.strip_prefix("ml.").map(str::to_string)).collect();
    types.sort();
    types.dedup();
    types
}

/// How many instances the job runs on (`ResourceConfig.InstanceCount`, or its instance groups'
/// counts together); at least 1.
pub fn instance_count(request: &Value) -> u64 {
    let resources = request.get("ResourceConfig");
    let count = |v: Option<&Value>| v.and_then(|c| c.get("InstanceCount")).and_then(Value::as_u64).unwrap_or(0);
    let groups: u64 = resources
        .and_then(|r| r.get("InstanceGroups"))
        .and_then(Value::as_array)
        .map(|g| g.iter().map(|g| count(Some(g))).sum())
        .unwrap_or(0);
    (count(resources) + groups).max(1)
}
