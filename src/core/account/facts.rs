//! What the account's answers say, as the checks need it: the shells read each service's answer
//! into one of these, or into why the lookup could not be made.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Lookup;

/// A role as `iam:GetRole` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleFact {
    /// Its trust policy (`AssumeRolePolicyDocument`, URL-decoded and parsed).
    pub trust_policy: Value,
}

/// A subnet as `ec2:DescribeSubnets` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Subnet {
    /// `subnet-...`.
    pub id: String,
    /// Its VPC.
    pub vpc: String,
    /// `AvailableIpAddressCount`.
    pub free_addresses: u64,
}

/// One inbound rule of a security group, as far as the checks need it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inbound {
    /// The groups it allows traffic from (`UserIdGroupPairs`).
    pub from_groups: Vec<String>,
    /// Whether it allows traffic from addresses (any IPv4 or IPv6 range, or a prefix list).
    pub from_addresses: bool,
}

/// A security group as `ec2:DescribeSecurityGroups` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityGroup {
    /// `sg-...`.
    pub id: String,
    /// Its VPC.
    pub vpc: String,
    /// Its inbound rules.
    pub inbound: Vec<Inbound>,
}

/// Where a route sends traffic.
#[derive(Debug, Clone, PartialEq)]
pub enum RouteTarget {
    /// Within the VPC.
    Local,
    /// An internet gateway: of no use to a training job's interfaces, which have no public address.
    InternetGateway,
    /// A NAT gateway.
    NatGateway,
    /// A gateway VPC endpoint (S3's or DynamoDB's), routed by prefix list.
    GatewayEndpoint,
    /// Anything else that may lead out: an instance or interface (a NAT instance), a transit
    /// gateway, a peering, a virtual private gateway.
    Other,
}

/// One route of a route table.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Its destination: a CIDR block or a prefix list.
    pub destination: String,
    /// Its target.
    pub target: RouteTarget,
}

/// A route table as `ec2:DescribeRouteTables` gives it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RouteTable {
    /// Whether it is its VPC's main table, which serves every subnet without a table of its own.
    pub main: bool,
    /// The subnets explicitly associated with it.
    pub subnets: Vec<String>,
    /// Its routes.
    pub routes: Vec<Route>,
}

/// A VPC endpoint as `ec2:DescribeVpcEndpoints` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct VpcEndpoint {
    /// `com.amazonaws.<region>.s3`, ...
    pub service: String,
    /// Whether it is an interface endpoint (`VpcEndpointType` `Interface`).
    pub interface: bool,
}

/// What `ecr:DescribeImages` says of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFact {
    /// The image is there.
    Found,
    /// No such repository (`RepositoryNotFoundException`).
    NoRepository,
    /// The repository has no such tag or digest (`ImageNotFoundException`).
    NoImage,
}

/// A KMS key as `kms:DescribeKey` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFact {
    /// `KeyState`: `Enabled`, `Disabled`, `PendingDeletion`, ...
    pub state: String,
    /// Its ARN, which names its region.
    pub arn: String,
}

/// An answer, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// The caller's account.
    Caller {
        /// The 12-digit account ID.
        account: String,
    },
    /// The role, or `None` when it does not exist (`NoSuchEntity`).
    Role(Option<RoleFact>),
    /// The bucket's `LocationConstraint` as given (empty for us-east-1, `EU` for eu-west-1), or
    /// `None` when it does not exist (`NoSuchBucket`).
    BucketRegion(Option<String>),
    /// The first key under the prefix, if any.
    Objects {
        /// The first key, or `None` when nothing is there.
        first_key: Option<String>,
    },
    /// The subnets found, and those the service said do not exist.
    Subnets {
        /// Found.
        found: Vec<Subnet>,
        /// Not found (`InvalidSubnetID.NotFound`).
        missing: Vec<String>,
    },
    /// The security groups found, and those the service said do not exist.
    SecurityGroups {
        /// Found.
        found: Vec<SecurityGroup>,
        /// Not found (`InvalidGroup.NotFound`).
        missing: Vec<String>,
    },
    /// Which of the instance types asked about have EFA (`NetworkInfo.EfaSupported`), by EC2's
    /// names.
    InstanceTypes {
        /// Those with EFA.
        efa: Vec<String>,
    },
    /// The VPC's route tables.
    RouteTables(Vec<RouteTable>),
    /// The VPC's endpoints.
    VpcEndpoints(Vec<VpcEndpoint>),
    /// The image.
    Image(ImageFact),
    /// The key, or `None` when it does not exist (`NotFoundException`).
    Key(Option<KeyFact>),
}

/// The answers so far: each lookup's fact, or why it could not be made (the shell's words: the
/// permission refused, the network failure, an answer it could not read).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts(BTreeMap<Lookup, Result<Fact, String>>);

impl Facts {
    /// Keeps the answer to `lookup`.
    pub fn answer(&mut self, lookup: Lookup, answer: Result<Fact, String>) {
        self.0.insert(lookup, answer);
    }

    /// The answer to `lookup`, if it was given.
    pub fn get(&self, lookup: &Lookup) -> Option<&Result<Fact, String>> {
        self.0.get(lookup)
    }

    /// Whether `lookup` was answered (or could not be made).
    pub fn has(&self, lookup: &Lookup) -> bool {
        self.0.contains_key(lookup)
    }

    /// Forgets every lookup that could not be made, keeping the answers: they are worth keeping
    /// for the page's life, while a refusal or a network failure may be gone on the next try.
    pub fn forget_failures(&mut self) {
        self.0.retain(|_, answer| answer.is_ok());
    }

    /// Forgets every answer for which `stale` holds (a member that changed).
    pub fn forget(&mut self, stale: impl Fn(&Lookup) -> bool) {
        self.0.retain(|lookup, _| !stale(lookup));
    }
}
