//! Knowing the account (behaviour §13): which lookups a request needs, and what their answers
//! mean, as two pure functions. The shells (the page's worker, `tjs`) carry the lookups out and
//! put each answer, or why it could not be had, in [`Facts`]; nothing here calls anything.
//!
//! Lookups that depend on others (the route tables of the subnets' VPC, the image once the
//! caller's account is known) come from asking [`plan`] again with the facts so far, until it
//! asks for nothing new:
//!
//! ```
//! use serde_json::json;
//! use tjs::core::account::{plan, check, Facts, Fact, Lookup, RoleFact};
//! let request = json!({"RoleArn": "arn:aws:iam::111122223333:role/service/training"});
//! let mut facts = Facts::default();
//! assert_eq!(plan(&request, "us-east-1", &facts), vec![Lookup::Role("training".into())]);
//! let trust = json!({"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
//!                                   "Action": "sts:AssumeRole"}]});
//! facts.answer(Lookup::Role("training".into()), Ok(Fact::Role(Some(RoleFact { trust_policy: trust }))));
//! assert!(plan(&request, "us-east-1", &facts).is_empty());
//! let outcome = check(&request, "us-east-1", &facts);
//! assert_eq!(outcome.problems[0].code, "account.role");
//! ```

mod answers;
mod calls;
mod check;
mod facts;
mod members;

pub use answers::read as read_answer;
pub use calls::{call_for, AccountCall, AccountService};
pub use check::{check, codes, Outcome, Skipped};
pub use facts::{
    Fact, Facts, ImageFact, Inbound, KeyFact, RoleFact, Route, RouteTable, RouteTarget, SecurityGroup, Subnet,
    VpcEndpoint,
};

use serde_json::Value;

use crate::core::path::{FormPath, Step};
use crate::core::problem::Problem;

/// One call to the account, by what it asks. Equal lookups are made once and their answers kept
/// for the page's life.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lookup {
    /// `sts:GetCallerIdentity`: the caller's account, to tell its own images from others'.
    CallerIdentity,
    /// `iam:GetRole` of a role name (the last part of the ARN).
    Role(String),
    /// `s3:GetBucketLocation` of a bucket.
    BucketRegion(String),
    /// `s3:ListObjectsV2` with `MaxKeys` 1 under a prefix of a bucket.
    Objects {
        /// The bucket.
        bucket: String,
        /// The prefix (a manifest's key, for a manifest).
        prefix: String,
    },
    /// `ec2:DescribeSubnets` of the request's subnets (sorted, without duplicates).
    Subnets(Vec<String>),
    /// `ec2:DescribeSecurityGroups` of the request's groups (sorted, without duplicates).
    SecurityGroups(Vec<String>),
    /// `ec2:DescribeInstanceTypes` of the job's instance types (EC2's names, without `ml.`;
    /// sorted): which have EFA, which SageMaker enables and which takes more addresses.
    InstanceTypes(Vec<String>),
    /// `ec2:DescribeRouteTables` of a VPC.
    RouteTables(String),
    /// `ec2:DescribeVpcEndpoints` of a VPC.
    VpcEndpoints(String),
    /// `ecr:DescribeImages` of an image in the caller's own registry in the job's region.
    Image {
        /// The repository.
        repository: String,
        /// The tag, or `None` for an image named by digest.
        tag: Option<String>,
        /// The digest (`sha256:...`), for an image named by digest.
        digest: Option<String>,
    },
    /// `kms:DescribeKey` of a key as the request names it (ID, ARN, alias name or alias ARN).
    Key(String),
}

impl Lookup {
    /// The permission the call needs, as IAM names it.
    pub fn permission(&self) -> &'static str {
        match self {
            Lookup::CallerIdentity => "sts:GetCallerIdentity",
            Lookup::Role(_) => "iam:GetRole",
            Lookup::BucketRegion(_) => "s3:GetBucketLocation",
            Lookup::Objects { .. } => "s3:ListBucket",
            Lookup::Subnets(_) => "ec2:DescribeSubnets",
            Lookup::SecurityGroups(_) => "ec2:DescribeSecurityGroups",
            Lookup::InstanceTypes(_) => "ec2:DescribeInstanceTypes",
            Lookup::RouteTables(_) => "ec2:DescribeRouteTables",
            Lookup::VpcEndpoints(_) => "ec2:DescribeVpcEndpoints",
            Lookup::Image { .. } => "ecr:DescribeImages",
            Lookup::Key(_) => "kms:DescribeKey",
        }
    }
}

/// The lookups `request`, for a job in `region`, needs and `facts` does not answer yet, in a
/// stable order. Empty once every lookup is answered (or could not be made).
pub fn plan(request: &Value, region: &str, facts: &Facts) -> Vec<Lookup> {
    let mut wanted = Vec::new();
    if let Some(role) = members::role_name(request) {
        wanted.push(Lookup::Role(role));
    }
    for member in members::s3_members(request) {
        wanted.push(Lookup::BucketRegion(member.bucket.clone()));
        if let Some(prefix) = member.must_hold {
            wanted.push(Lookup::Objects { bucket: member.bucket, prefix });
        }
    }
    let vpc = members::vpc(request);
    if !vpc.subnets.is_empty() {
        wanted.push(Lookup::Subnets(vpc.subnets.clone()));
        let types = members::ec2_instance_types(request);
        if !types.is_empty() {
            wanted.push(Lookup::InstanceTypes(types));
        }
        if let Some(Ok(Fact::Subnets { found, .. })) = facts.get(&Lookup::Subnets(vpc.subnets.clone())) {
            let mut vpcs: Vec<&str> = found.iter().map(|s| s.vpc.as_str()).collect();
            vpcs.sort_unstable();
            vpcs.dedup();
            for id in vpcs {
                wanted.push(Lookup::RouteTables(id.to_string()));
                wanted.push(Lookup::VpcEndpoints(id.to_string()));
            }
        }
    }
    if !vpc.security_groups.is_empty() {
        wanted.push(Lookup::SecurityGroups(vpc.security_groups));
    }
    if let Some(image) = members::own_region_image(request, region) {
        wanted.push(Lookup::CallerIdentity);
        if let Some(Ok(Fact::Caller { account })) = facts.get(&Lookup::CallerIdentity) {
            if *account == image.account {
                wanted.push(Lookup::Image { repository: image.repository, tag: image.tag, digest: image.digest });
            }
        }
    }
    for (_, key) in members::kms_keys(request) {
        wanted.push(Lookup::Key(key));
    }
    let mut seen = std::collections::BTreeSet::new();
    wanted.retain(|lookup| !facts.has(lookup) && seen.insert(lookup.clone()));
    wanted
}

/// Gathers every fact `request` needs into `facts`, a round at a time: `carry_out` gets a round's
/// lookups (independent of each other, so a shell may make them at once) and gives each one's
/// answer. A lookup it leaves unanswered counts as not made. `tjs` drives the checks with this;
/// the browser's worker, whose calls are asynchronous, asks [`plan`] the same way.
pub fn gather(
    request: &Value,
    region: &str,
    facts: &mut Facts,
    mut carry_out: impl FnMut(&[Lookup]) -> Vec<(Lookup, Result<Fact, String>)>,
) {
    loop {
        let round = plan(request, region, facts);
        if round.is_empty() {
            return;
        }
        for (lookup, answer) in carry_out(&round) {
            facts.answer(lookup, answer);
        }
        for lookup in round {
            if !facts.has(&lookup) {
                facts.answer(lookup, Err("no answer was given".into()));
            }
        }
    }
}

/// The findings of a check of the request `checked` that still hold for the request `now` in the
/// same region (the caller drops them all for another): a finding goes as soon as a member it was made from changes (its own, and for
/// the warnings that count instances, `ResourceConfig`), until the next check says again.
///
/// ```
/// use serde_json::json;
/// use tjs::core::account::{codes, still_found};
/// use tjs::core::problem::Problem;
/// let found = vec![Problem::error("RoleArn", codes::ROLE, "The role does not trust SageMaker.")];
/// let checked = json!({"RoleArn": "arn:aws:iam::1:role/a", "TrainingJobName": "x"});
/// let renamed = json!({"RoleArn": "arn:aws:iam::1:role/a", "TrainingJobName": "y"});
/// assert_eq!(still_found(&found, &checked, &renamed).len(), 1);
/// let other_role = json!({"RoleArn": "arn:aws:iam::1:role/b"});
/// assert!(still_found(&found, &checked, &other_role).is_empty());
/// ```
pub fn still_found(found: &[Problem], checked: &Value, now: &Value) -> Vec<Problem> {
    let at = |body: &Value, path: &str| {
        let mut value = Some(body);
        for step in FormPath::parse(path).steps() {
            value = match step {
                Step::Member(name) => value.and_then(|v| v.get(name)),
                Step::Index(i) => value.and_then(|v| v.get(*i)),
            };
        }
        value.cloned()
    };
    let same = |path: &str| at(checked, path) == at(now, path);
    found
        .iter()
        .filter(|p| same(&p.path))
        .filter(|p| !matches!(p.code, codes::SG_SELF | codes::SUBNET_ADDRESSES) || same("ResourceConfig"))
        .cloned()
        .collect()
}
