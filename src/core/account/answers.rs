//! Reads what the account answered to a [`Lookup`]'s call into a [`Fact`], or into why the lookup
//! could not be made. IAM, STS, EC2 and S3 answer in XML (read with `roxmltree`), KMS and ECR in
//! JSON. An answer that says the thing asked about does not exist is a fact (a role that is not
//! there); an answer that refuses, fails or cannot be read is a reason, which the checks turn into
//! a skipped check and never into a finding.
//!
//! ```
//! use tjs::core::account::{read_answer, Fact, Lookup};
//! let body = "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>";
//! let fact = read_answer(&Lookup::BucketRegion("data".into()), 200, body);
//! assert_eq!(fact, Ok(Fact::BucketRegion(Some("eu-west-1".into()))));
//! let refused = read_answer(&Lookup::BucketRegion("data".into()), 403,
//!     "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
//! // The service's words are isolated, so that right-to-left text cannot turn the line around.
//! assert_eq!(refused, Err("refused: AccessDenied, \u{2068}Access Denied\u{2069}".into()));
//! ```

use roxmltree::{Document, Node};
use serde_json::Value;

use super::facts::{
    Fact, ImageFact, Inbound, KeyFact, RoleFact, Route, RouteTable, RouteTarget, SecurityGroup, Subnet, VpcEndpoint,
};
use super::Lookup;
use crate::core::unicode::isolate;

/// The error an answer carries: its code and message, from XML (`<Code>`, `<Message>`, wherever
/// the service puts them) or JSON (`__type`, `message`).
fn error_of(body: &str) -> Option<(String, String)> {
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') {
        let value: Value = serde_json::from_str(trimmed).ok()?;
        let code = value.get("__type").or_else(|| value.get("code"))?.as_str()?;
        // `__type` may carry a namespace: `com.amazonaws.kms#NotFoundException`.
        let code = code.rsplit('#').next().unwrap_or(code).to_string();
        let message = value.get("message").or_else(|| value.get("Message")).and_then(Value::as_str);
        return Some((code, message.unwrap_or_default().to_string()));
    }
    let document = Document::parse(trimmed).ok()?;
    let root = document.root_element();
    let code = descendant_text(root, "Code")?;
    Some((code, descendant_text(root, "Message").unwrap_or_default()))
}

/// The text of the first element named `name` (its local name) at or under `node`.
fn descendant_text(node: Node, name: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or("").trim().to_string())
}

/// The child elements of `node` named `name`.
fn children<'a, 'input>(node: Node<'a, 'input>, name: &'a str) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children().filter(move |n| n.is_element() && n.tag_name().name() == name)
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &'a str) -> Option<Node<'a, 'input>> {
    children(node, name).next()
}

/// The trimmed text of `node`'s child `name`; empty if it has none.
fn text(node: Node, name: &str) -> String {
    child(node, name).and_then(|n| n.text()).unwrap_or("").trim().to_string()
}

/// The `item`s of `node`'s child list `list` (EC2's way of writing lists).
fn items<'a, 'input>(node: Node<'a, 'input>, list: &'a str) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    child(node, list).into_iter().flat_map(|l| children(l, "item"))
}

/// Why a call was refused or failed, in a few words for the skipped check's line.
fn reason(status: u16, body: &str) -> String {
    match error_of(body) {
        Some((code, message)) => {
            let message = isolate(message.chars().take(300).collect::<String>().trim());
            let refused = status == 403
                || matches!(code.as_str(), "AccessDenied" | "AccessDeniedException" | "UnauthorizedOperation");
            let throttled =
                status == 429 || code.contains("Throttl") || code == "SlowDown" || code == "RequestLimitExceeded";
            let said = if message.is_empty() { code.clone() } else { format!("{code}, {message}") };
            if refused {
                format!("refused: {said}")
            } else if throttled {
                format!("the service is slowing calls down ({code}); check again in a moment")
            } else {
                format!("the service answered HTTP {status}: {said}")
            }
        }
        None => not_the_service(status, body),
    }
}

/// What to say of an answer that is not the service's own (a proxy's page, a cut-off text).
fn not_the_service(status: u16, body: &str) -> String {
    let start: String = body.trim().chars().take(80).collect();
    if start.is_empty() {
        format!("the answer (HTTP {status}) was empty")
    } else {
        format!("the answer (HTTP {status}) could not be read as the service's: \"{}\"", isolate(&start))
    }
}

fn xml(status: u16, body: &str) -> Result<Document<'_>, String> {
    Document::parse(body.trim_start()).map_err(|_| not_the_service(status, body))
}

/// Reads the answer (`status`, `body`) to `lookup`'s call.
pub fn read(lookup: &Lookup, status: u16, body: &str) -> Result<Fact, String> {
    if !(200..300).contains(&status) {
        let code = error_of(body).map(|(code, _)| code).unwrap_or_default();
        let absent = match (lookup, code.as_str()) {
            (Lookup::Role(_), "NoSuchEntity") => Some(Fact::Role(None)),
            (Lookup::BucketRegion(_), "NoSuchBucket") => Some(Fact::BucketRegion(None)),
            (Lookup::Image { .. }, "RepositoryNotFoundException") => Some(Fact::Image(ImageFact::NoRepository)),
            (Lookup::Image { .. }, "ImageNotFoundException") => Some(Fact::Image(ImageFact::NoImage)),
            (Lookup::Key(_), "NotFoundException") => Some(Fact::Key(None)),
            (Lookup::Objects { .. }, "NoSuchBucket") => return Err("the bucket does not exist".into()),
            (Lookup::Objects { .. }, "PermanentRedirect") => {
                return Err("the bucket is in another region than the job".into())
            }
            _ => None,
        };
        return absent.ok_or_else(|| reason(status, body));
    }
    match lookup {
        Lookup::Key(_) | Lookup::Image { .. } => read_json(lookup, status, body),
        _ => {
            let document = xml(status, body)?;
            read_xml(lookup, document.root_element()).ok_or_else(|| not_the_service(status, body))
        }
    }
}

fn read_json(lookup: &Lookup, status: u16, body: &str) -> Result<Fact, String> {
    let value: Value = serde_json::from_str(body).map_err(|_| not_the_service(status, body))?;
    let fact = match lookup {
        Lookup::Key(_) => {
            let metadata = value.get("KeyMetadata");
            let field = |name: &str| metadata.and_then(|m| m.get(name)).and_then(Value::as_str).map(str::to_string);
            field("KeyState").zip(field("Arn")).map(|(state, arn)| Fact::Key(Some(KeyFact { state, arn })))
        }
        _ => value
            .get("imageDetails")
            .and_then(Value::as_array)
            .map(|details| Fact::Image(if details.is_empty() { ImageFact::NoImage } else { ImageFact::Found })),
    };
    fact.ok_or_else(|| not_the_service(status, body))
}

/// The fact in an XML answer; `None` when the answer is not the one asked for.
fn read_xml(lookup: &Lookup, root: Node) -> Option<Fact> {
    let result = |name: &str| root.descendants().find(|n| n.is_element() && n.tag_name().name() == name);
    Some(match lookup {
        Lookup::CallerIdentity => Fact::Caller { account: text(result("GetCallerIdentityResult")?, "Account") },
        Lookup::Role(_) => {
            let document = text(result("Role")?, "AssumeRolePolicyDocument");
            Fact::Role(Some(RoleFact { trust_policy: trust_policy(&document)? }))
        }
        Lookup::BucketRegion(_) => {
            (root.tag_name().name() == "LocationConstraint").then_some(())?;
            Fact::BucketRegion(Some(root.text().unwrap_or("").trim().to_string()))
        }
        Lookup::Objects { .. } => {
            (root.tag_name().name() == "ListBucketResult").then_some(())?;
            let first = children(root, "Contents").next().map(|c| text(c, "Key"));
            Fact::Objects { first_key: first }
        }
        Lookup::Subnets(asked) => {
            (root.tag_name().name() == "DescribeSubnetsResponse").then_some(())?;
            let found: Vec<Subnet> = items(root, "subnetSet")
                .map(|item| Subnet {
                    id: text(item, "subnetId"),
                    vpc: text(item, "vpcId"),
                    free_addresses: text(item, "availableIpAddressCount").parse().unwrap_or(0),
                })
                .collect();
            let missing = asked.iter().filter(|id| !found.iter().any(|s| &s.id == *id)).cloned().collect();
            Fact::Subnets { found, missing }
        }
        Lookup::SecurityGroups(asked) => {
            (root.tag_name().name() == "DescribeSecurityGroupsResponse").then_some(())?;
            let found: Vec<SecurityGroup> = items(root, "securityGroupInfo")
                .map(|item| SecurityGroup {
                    id: text(item, "groupId"),
                    vpc: text(item, "vpcId"),
                    inbound: items(item, "ipPermissions").map(inbound).collect(),
                })
                .collect();
            let missing = asked.iter().filter(|id| !found.iter().any(|g| &g.id == *id)).cloned().collect();
            Fact::SecurityGroups { found, missing }
        }
        Lookup::InstanceTypes(_) => {
            (root.tag_name().name() == "DescribeInstanceTypesResponse").then_some(())?;
            let efa = items(root, "instanceTypeSet")
                .filter(|item| child(*item, "networkInfo").is_some_and(|info| text(info, "efaSupported") == "true"))
                .map(|item| text(item, "instanceType"))
                .collect();
            Fact::InstanceTypes { efa }
        }
        Lookup::RouteTables(_) => {
            (root.tag_name().name() == "DescribeRouteTablesResponse").then_some(())?;
            Fact::RouteTables(items(root, "routeTableSet").map(route_table).collect())
        }
        Lookup::VpcEndpoints(_) => {
            (root.tag_name().name() == "DescribeVpcEndpointsResponse").then_some(())?;
            Fact::VpcEndpoints(
                items(root, "vpcEndpointSet")
                    .map(|item| VpcEndpoint {
                        service: text(item, "serviceName"),
                        interface: text(item, "vpcEndpointType").eq_ignore_ascii_case("Interface"),
                    })
                    .collect(),
            )
        }
        Lookup::Image { .. } | Lookup::Key(_) => return None,
    })
}

/// A trust policy as GetRole gives it: URL-encoded JSON (plain JSON is read as well).
fn trust_policy(document: &str) -> Option<Value> {
    let decoded = percent_encoding::percent_decode_str(document).decode_utf8().ok()?;
    serde_json::from_str(&decoded).ok()
}

fn inbound(permission: Node) -> Inbound {
    Inbound {
        from_groups: items(permission, "groups").map(|pair| text(pair, "groupId")).collect(),
        from_addresses: ["ipRanges", "ipv6Ranges", "prefixListIds"]
            .iter()
            .any(|list| items(permission, list).next().is_some()),
    }
}

fn route_table(item: Node) -> RouteTable {
    let associations: Vec<Node> = items(item, "associationSet").collect();
    RouteTable {
        main: associations.iter().any(|a| text(*a, "main") == "true"),
        subnets: associations.iter().map(|a| text(*a, "subnetId")).filter(|s| !s.is_empty()).collect(),
        routes: items(item, "routeSet").map(route).collect(),
    }
}

fn route(item: Node) -> Route {
    let destination = ["destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"]
        .iter()
        .map(|name| text(item, name))
        .find(|d| !d.is_empty())
        .unwrap_or_default();
    let gateway = text(item, "gatewayId");
    let target = if gateway == "local" {
        RouteTarget::Local
    } else if gateway.starts_with("igw-") {
        RouteTarget::InternetGateway
    } else if gateway.starts_with("vpce-") {
        RouteTarget::GatewayEndpoint
    } else if !text(item, "natGatewayId").is_empty() {
        RouteTarget::NatGateway
    } else {
        RouteTarget::Other
    };
    Route { destination, target }
}
