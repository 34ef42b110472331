//! What the account's answers mean for a request: findings with the codes of behaviour §13, and
//! the checks that could not be made. A finding comes only from an answer that says so; a
//! lookup that failed gives a skipped check, never a finding.

use serde_json::Value;

use super::calls::arn_region;
use super::facts::{Fact, Facts, ImageFact, RouteTarget, SecurityGroup, Subnet};
use super::{members, Lookup};
use crate::core::problem::Problem;

/// The account checks' codes (behaviour §13).
pub mod codes {
    /// `account.role`.
    pub const ROLE: &str = "account.role";
    /// `account.s3-empty`.
    pub const S3_EMPTY: &str = "account.s3-empty";
    /// `account.s3-bucket`.
    pub const S3_BUCKET: &str = "account.s3-bucket";
    /// `account.s3-region`.
    pub const S3_REGION: &str = "account.s3-region";
    /// `account.vpc-s3-route`.
    pub const VPC_S3_ROUTE: &str = "account.vpc-s3-route";
    /// `account.vpc-mismatch`.
    pub const VPC_MISMATCH: &str = "account.vpc-mismatch";
    /// `account.subnet-addresses`.
    pub const SUBNET_ADDRESSES: &str = "account.subnet-addresses";
    /// `account.sg-self`.
    pub const SG_SELF: &str = "account.sg-self";
    /// `account.image`.
    pub const IMAGE: &str = "account.image";
    /// `account.kms-key`.
    pub const KMS_KEY: &str = "account.kms-key";
    /// Every code, in the order of the table in behaviour §13.
    pub const ALL: [&str; 10] =
        [ROLE, S3_EMPTY, S3_BUCKET, S3_REGION, VPC_S3_ROUTE, VPC_MISMATCH, SUBNET_ADDRESSES, SG_SELF, IMAGE, KMS_KEY];
}

/// A check that could not be made, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The check's code (`account.role`, ...).
    pub code: &'static str,
    /// The member it is about.
    pub path: String,
    /// Why: the permission it needs and what the lookup met.
    pub reason: String,
}

/// The account checks' result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// The findings, in the order of the request's members.
    pub problems: Vec<Problem>,
    /// The checks that could not be made.
    pub skipped: Vec<Skipped>,
}

impl Outcome {
    fn skip(&mut self, code: &'static str, path: impl Into<String>, lookup: &Lookup, why: &str) {
        let reason = format!("Not checked: this needs {} ({why}).", lookup.permission());
        self.skipped.push(Skipped { code, path: path.into(), reason });
    }
}

/// The answer to `lookup`: `Ok(Some(fact))`, `Ok(None)` when it was not asked (yet), or the
/// reason it could not be had.
fn answer<'a>(facts: &'a Facts, lookup: &Lookup) -> Result<Option<&'a Fact>, &'a str> {
    match facts.get(lookup) {
        None => Ok(None),
        Some(Ok(fact)) => Ok(Some(fact)),
        Some(Err(why)) => Err(why.as_str()),
    }
}

/// The findings `facts` support for `request`, a job in `region`.
pub fn check(request: &Value, region: &str, facts: &Facts) -> Outcome {
    let mut out = Outcome::default();
    role(request, facts, &mut out);
    buckets(request, region, facts, &mut out);
    network(request, region, facts, &mut out);
    image(request, region, facts, &mut out);
    keys(request, region, facts, &mut out);
    out
}

/// Whether a trust policy lets SageMaker assume the role: an `Allow` statement whose principal
/// is SageMaker's service (alone or in a list) or anyone, for `sts:AssumeRole`, `sts:*` or `*`.
/// Conditions (`aws:SourceAccount`, `aws:SourceArn`) are the owner's narrowing and are not
/// second-guessed.
pub fn trusts_sagemaker(policy: &Value) -> bool {
    let as_list = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        }
    };
    let statements = match policy.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect::<Vec<_>>(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    statements.into_iter().any(|statement| {
        let allows = statement.get("Effect").and_then(Value::as_str) == Some("Allow");
        let action = as_list(statement.get("Action")).iter().any(|a| {
            let a = a.to_ascii_lowercase();
            a == "sts:assumerole" || a == "sts:*" || a == "*"
        });
        let principal = match statement.get("Principal") {
            Some(Value::String(anyone)) => anyone == "*",
            Some(Value::Object(kinds)) => {
                as_list(kinds.get("Service"))
                    .iter()
                    .any(|s| s == "sagemaker.amazonaws.com" || s == "sagemaker.amazonaws.com.cn")
                    || as_list(kinds.get("AWS")).iter().any(|s| s == "*")
            }
            _ => false,
        };
        allows && action && principal
    })
}

fn role(request: &Value, facts: &Facts, out: &mut Outcome) {
    let Some(name) = members::role_name(request) else { return };
    let lookup = Lookup::Role(name.clone());
    match answer(facts, &lookup) {
        Err(why) => out.skip(codes::ROLE, "RoleArn", &lookup, why),
        Ok(Some(Fact::Role(None))) => out.problems.push(Problem::error(
            "RoleArn",
            codes::ROLE,
            format!(
                "The role {name} does not exist in this account: the job would fail to start. Pick an existing role."
            ),
        )),
        Ok(Some(Fact::Role(Some(role)))) if !trusts_sagemaker(&role.trust_policy) => out.problems.push(Problem::error(
            "RoleArn",
            codes::ROLE,
            format!(
                "The role {name} does not let SageMaker assume it: its trust policy has no statement allowing \
                     sts:AssumeRole to the service principal sagemaker.amazonaws.com."
            ),
        )),
        _ => {}
    }
}

/// The region a bucket's `LocationConstraint` names: empty for us-east-1, `EU` for eu-west-1.
pub fn bucket_region(location_constraint: &str) -> &str {
    match location_constraint {
        "" => "us-east-1",
        "EU" => "eu-west-1",
        other => other,
    }
}

fn buckets(request: &Value, region: &str, facts: &Facts, out: &mut Outcome) {
    for member in members::s3_members(request) {
        let lookup = Lookup::BucketRegion(member.bucket.clone());
        let bucket = &member.bucket;
        let exists = match answer(facts, &lookup) {
            Err(why) => {
                out.skip(codes::S3_BUCKET, &member.path, &lookup, why);
                true
            }
            Ok(Some(Fact::BucketRegion(None))) => {
                out.problems.push(Problem::error(
                    &member.path,
                    codes::S3_BUCKET,
                    format!("The bucket {bucket} does not exist."),
                ));
                false
            }
            Ok(Some(Fact::BucketRegion(Some(constraint)))) => {
                let at = bucket_region(constraint);
                if at != region {
                    out.problems.push(Problem::error(
                        &member.path,
                        codes::S3_REGION,
                        format!(
                            "The bucket {bucket} is in {at}, and the job runs in {region}: SageMaker needs its buckets in the job's region."
                        ),
                    ));
                }
                true
            }
            _ => true,
        };
        let Some(prefix) = member.must_hold.clone().filter(|_| exists) else { continue };
        let lookup = Lookup::Objects { bucket: bucket.clone(), prefix: prefix.clone() };
        match answer(facts, &lookup) {
            Err(why) => out.skip(codes::S3_EMPTY, &member.path, &lookup, why),
            Ok(Some(Fact::Objects { first_key })) => {
                let empty = match (first_key, member.manifest) {
                    (None, _) => true,
                    // A manifest is one object: its key, not a longer one that starts with it.
                    (Some(key), true) => *key != prefix,
                    (Some(_), false) => false,
                };
                if empty {
                    let what = if member.manifest {
                        format!("There is no manifest object s3://{bucket}/{prefix}")
                    } else {
                        format!("There is no object under s3://{bucket}/{prefix}")
                    };
                    out.problems.push(Problem::error(
                        &member.path,
                        codes::S3_EMPTY,
                        format!("{what}: the job would fail when it downloads this channel's data."),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// Whether a subnet's routes (or its VPC's interface endpoint) lead to S3: a gateway endpoint,
/// a NAT gateway, or anything else that may lead out (a NAT instance, a transit gateway, a
/// peering). An internet gateway does not: a training job's interfaces have no public address.
fn reaches_s3(routes: &[super::facts::Route], interface_endpoint: bool) -> bool {
    interface_endpoint
        || routes
            .iter()
            .any(|r| matches!(r.target, RouteTarget::GatewayEndpoint | RouteTarget::NatGateway | RouteTarget::Other))
}

fn network(request: &Value, region: &str, facts: &Facts, out: &mut Outcome) {
    let vpc = members::vpc(request);
    let subnet_path = |id: &str| {
        vpc.subnets_given
            .iter()
            .position(|s| s == id)
            .map_or("VpcConfig.Subnets".to_string(), |i| format!("VpcConfig.Subnets[{i}]"))
    };
    let group_path = |id: &str| {
        vpc.groups_given
            .iter()
            .position(|s| s == id)
            .map_or("VpcConfig.SecurityGroupIds".to_string(), |i| format!("VpcConfig.SecurityGroupIds[{i}]"))
    };
    let mut subnets: Option<&Vec<Subnet>> = None;
    let mut groups: Option<&Vec<SecurityGroup>> = None;
    let mut all_found = true;
    if !vpc.subnets.is_empty() {
        let lookup = Lookup::Subnets(vpc.subnets.clone());
        match answer(facts, &lookup) {
            Err(why) => out.skip(codes::VPC_MISMATCH, "VpcConfig.Subnets", &lookup, why),
            Ok(Some(Fact::Subnets { found, missing })) => {
                for id in missing {
                    out.problems.push(Problem::error(
                        subnet_path(id),
                        codes::VPC_MISMATCH,
                        format!("The subnet {id} does not exist in {region}."),
                    ));
                }
                all_found &= missing.is_empty();
                subnets = Some(found);
            }
            _ => all_found = false,
        }
    }
    if !vpc.security_groups.is_empty() {
        let lookup = Lookup::SecurityGroups(vpc.security_groups.clone());
        match answer(facts, &lookup) {
            Err(why) => out.skip(codes::VPC_MISMATCH, "VpcConfig.SecurityGroupIds", &lookup, why),
            Ok(Some(Fact::SecurityGroups { found, missing })) => {
                for id in missing {
                    out.problems.push(Problem::error(
                        group_path(id),
                        codes::VPC_MISMATCH,
                        format!("The security group {id} does not exist in {region}."),
                    ));
                }
                all_found &= missing.is_empty();
                groups = Some(found);
            }
            _ => all_found = false,
        }
    }
    // One VPC for all: the first subnet's VPC is the one the others are compared with.
    let first_vpc = subnets.and_then(|s| s.first()).map(|s| s.vpc.clone());
    if let Some(first) = &first_vpc {
        for subnet in subnets.into_iter().flatten().filter(|s| s.vpc != *first) {
            out.problems.push(Problem::error(
                subnet_path(&subnet.id),
                codes::VPC_MISMATCH,
                format!(
                    "The subnet {} is in {}, and the first subnet in {first}: a job's subnets must be in one VPC.",
                    subnet.id, subnet.vpc
                ),
            ));
        }
        for group in groups.into_iter().flatten().filter(|g| g.vpc != *first) {
            out.problems.push(Problem::error(
                group_path(&group.id),
                codes::VPC_MISMATCH,
                format!(
                    "The security group {} is in {}, and the subnets in {first}: they must be in the same VPC.",
                    group.id, group.vpc
                ),
            ));
        }
    }
    let instances = members::instance_count(request);
    if let (Some(found), true) = (subnets, all_found) {
        // Two addresses an instance, five with EFA (which SageMaker enables where the type has
        // it); two when EC2 could not say which types have it.
        let efa = match answer(facts, &Lookup::InstanceTypes(members::ec2_instance_types(request))) {
            Ok(Some(Fact::InstanceTypes { efa })) => efa.clone(),
            _ => Vec::new(),
        };
        let needed: u64 = members::instances(request)
            .iter()
            .map(|(kind, count)| {
                let with_efa = kind.strip_prefix("ml.").is_some_and(|t| efa.iter().any(|e| e == t));
                count * if with_efa { 5 } else { 2 }
            })
            .sum::<u64>()
            .max(2);
        let free: u64 = found.iter().map(|s| s.free_addresses).sum();
        if free < needed {
            out.problems.push(Problem::warning(
                "VpcConfig.Subnets",
                codes::SUBNET_ADDRESSES,
                format!(
                    "The subnets have {free} free addresses together, and a job on {instances} instance{} needs about {needed} \
                     (2 per instance, 5 for an instance with EFA).",
                    if instances == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    if let (Some(found), true) = (groups, instances > 1 && all_found) {
        let set: Vec<&str> = found.iter().map(|g| g.id.as_str()).collect();
        let talks = found
            .iter()
            .flat_map(|g| &g.inbound)
            .any(|rule| rule.from_addresses || rule.from_groups.iter().any(|from| set.contains(&from.as_str())));
        if !talks {
            out.problems.push(Problem::warning(
                "VpcConfig.SecurityGroupIds",
                codes::SG_SELF,
                format!(
                    "None of these security groups lets the job's {instances} instances reach each other: distributed \
                     training would hang. Add an inbound rule allowing all traffic from the group itself."
                ),
            ));
        }
    }
    // Each subnet's route to S3, through its own route table or its VPC's main one.
    for subnet in subnets.into_iter().flatten() {
        let tables = Lookup::RouteTables(subnet.vpc.clone());
        let endpoints = Lookup::VpcEndpoints(subnet.vpc.clone());
        let path = subnet_path(&subnet.id);
        let tables = match answer(facts, &tables) {
            Err(why) => {
                out.skip(codes::VPC_S3_ROUTE, &path, &tables, why);
                continue;
            }
            Ok(Some(Fact::RouteTables(tables))) => tables,
            _ => continue,
        };
        let interface = match answer(facts, &endpoints) {
            Err(why) => {
                out.skip(codes::VPC_S3_ROUTE, &path, &endpoints, why);
                continue;
            }
            Ok(Some(Fact::VpcEndpoints(list))) => {
                let s3 = format!("com.amazonaws.{region}.s3");
                list.iter().any(|e| e.interface && e.service == s3)
            }
            _ => continue,
        };
        let table = tables.iter().find(|t| t.subnets.contains(&subnet.id)).or_else(|| tables.iter().find(|t| t.main));
        let Some(table) = table else { continue };
        if !reaches_s3(&table.routes, interface) {
            out.problems.push(Problem::error(
                path,
                codes::VPC_S3_ROUTE,
                format!(
                    "The subnet {}'s route table has no route to S3: no S3 gateway endpoint, no NAT gateway, and the VPC has \
                     no S3 interface endpoint. The job could not download its data or upload its model.",
                    subnet.id
                ),
            ));
        }
    }
}

fn image(request: &Value, region: &str, facts: &Facts, out: &mut Outcome) {
    let Some(image) = members::own_region_image(request, region) else { return };
    let path = "AlgorithmSpecification.TrainingImage";
    let caller = Lookup::CallerIdentity;
    let account = match answer(facts, &caller) {
        Err(why) => return out.skip(codes::IMAGE, path, &caller, why),
        Ok(Some(Fact::Caller { account })) => account,
        _ => return,
    };
    if *account != image.account {
        return; // another account's image (AWS's own among them): not ours to look into
    }
    let lookup =
        Lookup::Image { repository: image.repository.clone(), tag: image.tag.clone(), digest: image.digest.clone() };
    let named = image.tag.as_ref().or(image.digest.as_ref()).cloned().unwrap_or_default();
    match answer(facts, &lookup) {
        Err(why) => out.skip(codes::IMAGE, path, &lookup, why),
        Ok(Some(Fact::Image(ImageFact::NoRepository))) => out.problems.push(Problem::error(
            path,
            codes::IMAGE,
            format!("Your registry in {region} has no repository {}.", image.repository),
        )),
        Ok(Some(Fact::Image(ImageFact::NoImage))) => out.problems.push(Problem::error(
            path,
            codes::IMAGE,
            format!("The repository {} has no image {named}: was it pushed?", image.repository),
        )),
        _ => {}
    }
}

fn keys(request: &Value, region: &str, facts: &Facts, out: &mut Outcome) {
    for (path, key) in members::kms_keys(request) {
        let lookup = Lookup::Key(key.clone());
        match answer(facts, &lookup) {
            Err(why) => out.skip(codes::KMS_KEY, &path, &lookup, why),
            Ok(Some(Fact::Key(None))) => out.problems.push(Problem::error(
                &path,
                codes::KMS_KEY,
                format!("There is no KMS key {key} in {region}."),
            )),
            Ok(Some(Fact::Key(Some(found)))) => {
                let at = arn_region(&found.arn).unwrap_or(region);
                let unusable = matches!(
                    found.state.as_str(),
                    "Disabled" | "PendingDeletion" | "PendingReplicaDeletion" | "PendingImport" | "Unavailable"
                );
                if unusable {
                    out.problems.push(Problem::error(
                        &path,
                        codes::KMS_KEY,
                        format!("The KMS key {key} is {}: the job would fail when it uses it.", found.state),
                    ));
                } else if at != region {
                    out.problems.push(Problem::error(
                        &path,
                        codes::KMS_KEY,
                        format!("The KMS key {key} is in {at}, and the job runs in {region}: use a key of the job's region."),
                    ));
                }
            }
            _ => {}
        }
    }
}
