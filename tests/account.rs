//! behaviour §13: the account checks' plan and findings, over facts given by hand. Each code has a
//! request that shows it, and each case the service accepts stays clean.

use serde_json::{json, Value};
use tjs::core::account::{
    check, plan, Fact, Facts, ImageFact, Inbound, KeyFact, Lookup, RoleFact, Route, RouteTable, RouteTarget,
    SecurityGroup, Subnet, VpcEndpoint,
};

const REGION: &str = "eu-west-1";
const ACCOUNT: &str = "111122223333";

fn trust(principal: Value, action: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": action}]})
}

fn route(target: RouteTarget) -> Route {
    Route { destination: "0.0.0.0/0".into(), target }
}

/// What a well-kept account answers to every lookup: the role trusts SageMaker, buckets are in
/// the job's region and hold data, subnets share a VPC with room and a route to S3 through its
/// main table, groups talk to themselves, the image and keys are there.
fn good_answer(lookup: &Lookup) -> Fact {
    match lookup {
        Lookup::CallerIdentity => Fact::Caller { account: ACCOUNT.into() },
        Lookup::Role(_) => Fact::Role(Some(RoleFact {
            trust_policy: trust(json!({"Service": "sagemaker.amazonaws.com"}), json!("sts:AssumeRole")),
        })),
        Lookup::BucketRegion(_) => Fact::BucketRegion(Some(REGION.into())),
        Lookup::Objects { prefix, .. } => Fact::Objects { first_key: Some(prefix.clone()) },
        Lookup::Subnets(ids) => Fact::Subnets {
            found: ids.iter().map(|id| Subnet { id: id.clone(), vpc: "vpc-1".into(), free_addresses: 200 }).collect(),
            missing: vec![],
        },
        Lookup::SecurityGroups(ids) => Fact::SecurityGroups {
            found: ids
                .iter()
                .map(|id| SecurityGroup {
                    id: id.clone(),
                    vpc: "vpc-1".into(),
                    inbound: vec![Inbound { from_groups: vec![id.clone()], from_addresses: false }],
                })
                .collect(),
            missing: vec![],
        },
        Lookup::InstanceTypes(_) => Fact::InstanceTypes { efa: vec![] },
        Lookup::RouteTables(_) => Fact::RouteTables(vec![RouteTable {
            main: true,
            subnets: vec![],
            routes: vec![route(RouteTarget::Local), route(RouteTarget::GatewayEndpoint)],
        }]),
        Lookup::VpcEndpoints(_) => Fact::VpcEndpoints(vec![]),
        Lookup::Image { .. } => Fact::Image(ImageFact::Found),
        Lookup::Key(_) => {
            Fact::Key(Some(KeyFact { state: "Enabled".into(), arn: format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/k") }))
        }
    }
}

/// Answers every lookup `plan` asks for, round after round, with `answer` (falling back to a
/// good account's answer).
fn facts_for(request: &Value, answer: impl Fn(&Lookup) -> Option<Result<Fact, String>>) -> Facts {
    let mut facts = Facts::default();
    for _ in 0..5 {
        let wanted = plan(request, REGION, &facts);
        if wanted.is_empty() {
            return facts;
        }
        for lookup in wanted {
            let given = answer(&lookup).unwrap_or_else(|| Ok(good_answer(&lookup)));
            facts.answer(lookup, given);
        }
    }
    panic!("plan kept asking for more");
}

fn codes(request: &Value, answer: impl Fn(&Lookup) -> Option<Result<Fact, String>>) -> Vec<(String, &'static str)> {
    let facts = facts_for(request, answer);
    check(request, REGION, &facts).problems.into_iter().map(|p| (p.path, p.code)).collect()
}

fn request() -> Value {
    json!({
        "TrainingJobName": "j",
        "RoleArn": format!("arn:aws:iam::{ACCOUNT}:role/service-role/training"),
        "AlgorithmSpecification": {
            "TrainingImage": format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/team/model:1.0"),
            "TrainingInputMode": "File"
        },
        "InputDataConfig": [
            {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://data/train"}}},
            {"ChannelName": "manifest", "DataSource": {"S3DataSource": {"S3DataType": "ManifestFile", "S3Uri": "s3://data/train.manifest"}}}
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://out/models/", "KmsKeyId": "alias/training"},
        "CheckpointConfig": {"S3Uri": "s3://out/checkpoints/"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30,
                           "VolumeKmsKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"},
        "VpcConfig": {"Subnets": ["subnet-a", "subnet-b"], "SecurityGroupIds": ["sg-1"]},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600}
    })
}

#[test]
fn a_well_kept_account_gives_no_finding_and_every_lookup_is_planned_once() {
    let request = request();
    assert!(codes(&request, |_| None).is_empty());
    let facts = facts_for(&request, |_| None);
    let mut asked = Facts::default();
    let first = plan(&request, REGION, &asked);
    assert!(first.contains(&Lookup::Role("training".into())));
    assert!(first.contains(&Lookup::Objects { bucket: "data".into(), prefix: "train".into() }));
    assert!(first.contains(&Lookup::Objects { bucket: "data".into(), prefix: "train.manifest".into() }));
    assert!(first.contains(&Lookup::BucketRegion("out".into())));
    assert_eq!(first.iter().filter(|l| **l == Lookup::BucketRegion("data".into())).count(), 1, "one lookup per bucket");
    assert!(first.contains(&Lookup::Key("alias/training".into())));
    assert!(!first.iter().any(|l| matches!(l, Lookup::Image { .. } | Lookup::RouteTables(_))), "these wait for others");
    for lookup in first {
        let fact = good_answer(&lookup);
        asked.answer(lookup, Ok(fact));
    }
    let second = plan(&request, REGION, &asked);
    assert!(second.contains(&Lookup::RouteTables("vpc-1".into())));
    assert!(second.contains(&Lookup::Image { repository: "team/model".into(), tag: Some("1.0".into()), digest: None }));
    assert!(plan(&request, REGION, &facts).is_empty());
}

#[test]
fn every_template_stays_clean_in_a_well_kept_account() {
    let files =
        std::fs::read_dir("templates").unwrap().map(|e| e.unwrap().path()).chain(["tests/fixtures/valid.json".into()]);
    for path in files.filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let body: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(codes(&body, |_| None).is_empty(), "{}", path.display());
    }
}

#[test]
fn a_role_that_is_missing_or_does_not_trust_sagemaker_is_found() {
    let request = request();
    let missing = codes(&request, |l| matches!(l, Lookup::Role(_)).then(|| Ok(Fact::Role(None))));
    assert_eq!(missing, vec![("RoleArn".to_string(), "account.role")]);
    let ec2 = trust(json!({"Service": "ec2.amazonaws.com"}), json!("sts:AssumeRole"));
    let untrusting = codes(&request, |l| {
        matches!(l, Lookup::Role(_)).then(|| Ok(Fact::Role(Some(RoleFact { trust_policy: ec2.clone() }))))
    });
    assert_eq!(untrusting, vec![("RoleArn".to_string(), "account.role")]);
}

#[test]
fn trust_policies_the_service_accepts_stay_clean() {
    let policies = [
        trust(json!({"Service": ["ec2.amazonaws.com", "sagemaker.amazonaws.com"]}), json!("sts:AssumeRole")),
        trust(json!({"Service": "sagemaker.amazonaws.com"}), json!(["sts:TagSession", "sts:AssumeRole"])),
        trust(json!({"Service": "sagemaker.amazonaws.com"}), json!("sts:*")),
        trust(json!({"Service": "sagemaker.amazonaws.com"}), json!("*")),
        trust(json!("*"), json!("sts:AssumeRole")),
        json!({"Statement": {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole",
               "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT},
                             "ArnLike": {"aws:SourceArn": format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:*")}}}}),
    ];
    for policy in policies {
        let found = codes(&request(), |l| {
            matches!(l, Lookup::Role(_)).then(|| Ok(Fact::Role(Some(RoleFact { trust_policy: policy.clone() }))))
        });
        assert!(found.is_empty(), "{policy}");
    }
}

#[test]
fn an_empty_prefix_a_missing_manifest_a_missing_bucket_and_a_bucket_elsewhere_are_found() {
    let request = request();
    let empty = codes(&request, |l| match l {
        Lookup::Objects { prefix, .. } if prefix == "train" => Some(Ok(Fact::Objects { first_key: None })),
        _ => None,
    });
    assert_eq!(empty, vec![("InputDataConfig[0].DataSource.S3DataSource.S3Uri".to_string(), "account.s3-empty")]);
    // A manifest is one object: a longer key that starts with its name is not it.
    let no_manifest = codes(&request, |l| match l {
        Lookup::Objects { prefix, .. } if prefix == "train.manifest" => {
            Some(Ok(Fact::Objects { first_key: Some("train.manifest.old".into()) }))
        }
        _ => None,
    });
    assert_eq!(no_manifest, vec![("InputDataConfig[1].DataSource.S3DataSource.S3Uri".to_string(), "account.s3-empty")]);
    let gone = codes(&request, |l| (*l == Lookup::BucketRegion("out".into())).then(|| Ok(Fact::BucketRegion(None))));
    assert_eq!(
        gone,
        vec![
            ("OutputDataConfig.S3OutputPath".to_string(), "account.s3-bucket"),
            ("CheckpointConfig.S3Uri".to_string(), "account.s3-bucket")
        ]
    );
    let elsewhere = codes(&request, |l| {
        (*l == Lookup::BucketRegion("data".into())).then(|| Ok(Fact::BucketRegion(Some("".into()))))
    });
    assert_eq!(elsewhere.len(), 2, "{elsewhere:?}");
    assert!(elsewhere.iter().all(|(_, code)| *code == "account.s3-region"));
}

#[test]
fn a_prefix_without_a_slash_that_matches_deeper_objects_and_eu_buckets_stay_clean() {
    let request = request();
    let deeper = codes(&request, |l| match l {
        Lookup::Objects { prefix, .. } if prefix == "train" => {
            Some(Ok(Fact::Objects { first_key: Some("train/part-0.csv".into()) }))
        }
        _ => None,
    });
    assert!(deeper.is_empty());
    let eu =
        codes(&request, |l| matches!(l, Lookup::BucketRegion(_)).then(|| Ok(Fact::BucketRegion(Some("EU".into())))));
    assert!(eu.is_empty(), "EU is eu-west-1's old name");
    let https = json!({"InputDataConfig": [{"ChannelName": "t", "DataSource": {"S3DataSource": {
        "S3DataType": "S3Prefix", "S3Uri": "https://data.s3.eu-west-1.amazonaws.com/train"}}}]});
    assert!(plan(&https, REGION, &Facts::default()).is_empty(), "an https URI is not looked up");
}

#[test]
fn subnets_and_groups_that_are_missing_or_in_another_vpc_are_found() {
    let request = request();
    let missing = codes(&request, |l| match l {
        Lookup::Subnets(_) => Some(Ok(Fact::Subnets {
            found: vec![Subnet { id: "subnet-a".into(), vpc: "vpc-1".into(), free_addresses: 100 }],
            missing: vec!["subnet-b".into()],
        })),
        _ => None,
    });
    assert_eq!(missing, vec![("VpcConfig.Subnets[1]".to_string(), "account.vpc-mismatch")]);
    let apart = codes(&request, |l| match l {
        Lookup::SecurityGroups(_) => Some(Ok(Fact::SecurityGroups {
            found: vec![SecurityGroup {
                id: "sg-1".into(),
                vpc: "vpc-2".into(),
                inbound: vec![Inbound { from_groups: vec!["sg-1".into()], from_addresses: false }],
            }],
            missing: vec![],
        })),
        _ => None,
    });
    assert_eq!(apart, vec![("VpcConfig.SecurityGroupIds[0]".to_string(), "account.vpc-mismatch")]);
}

#[test]
fn too_few_addresses_and_groups_that_do_not_talk_to_themselves_are_warned_of() {
    let request = request();
    let full = codes(&request, |l| match l {
        Lookup::Subnets(ids) => Some(Ok(Fact::Subnets {
            found: ids.iter().map(|id| Subnet { id: id.clone(), vpc: "vpc-1".into(), free_addresses: 1 }).collect(),
            missing: vec![],
        })),
        _ => None,
    });
    assert_eq!(full, vec![("VpcConfig.Subnets".to_string(), "account.subnet-addresses")]);
    // Two ml.p4d.24xlarge with EFA need 10 addresses: 9 are too few, where 4 would do without EFA.
    let mut efa = request.clone();
    efa["ResourceConfig"]["InstanceType"] = json!("ml.p4d.24xlarge");
    let room = |free: u64, with_efa: bool| {
        move |l: &Lookup| match l {
            Lookup::Subnets(ids) => Some(Ok(Fact::Subnets {
                found: vec![Subnet { id: ids[0].clone(), vpc: "vpc-1".into(), free_addresses: free }],
                missing: vec![],
            })),
            Lookup::InstanceTypes(types) => {
                assert_eq!(types, &vec!["p4d.24xlarge".to_string()]);
                Some(Ok(Fact::InstanceTypes { efa: if with_efa { types.clone() } else { vec![] } }))
            }
            _ => None,
        }
    };
    assert_eq!(codes(&efa, room(9, true)).len(), 1);
    assert!(codes(&efa, room(10, true)).is_empty());
    assert!(codes(&efa, room(9, false)).is_empty());
    let closed = |inbound: Vec<Inbound>| {
        move |l: &Lookup| match l {
            Lookup::SecurityGroups(_) => Some(Ok(Fact::SecurityGroups {
                found: vec![SecurityGroup { id: "sg-1".into(), vpc: "vpc-1".into(), inbound: inbound.clone() }],
                missing: vec![],
            })),
            _ => None,
        }
    };
    let https_only = Inbound { from_groups: vec!["sg-other".into()], from_addresses: false };
    assert_eq!(
        codes(&request, closed(vec![https_only])),
        vec![("VpcConfig.SecurityGroupIds".to_string(), "account.sg-self")]
    );
    // From an address range (the VPC's, say), the instances reach each other too.
    assert!(codes(&request, closed(vec![Inbound { from_groups: vec![], from_addresses: true }])).is_empty());
    // One instance needs no traffic between instances.
    let mut single = request.clone();
    single["ResourceConfig"]["InstanceCount"] = json!(1);
    assert!(codes(&single, closed(vec![])).is_empty());
}

#[test]
fn a_subnet_without_a_route_to_s3_is_found_and_every_way_to_s3_stays_clean() {
    let request = request();
    let tables = |routes: Vec<Route>, own: bool| {
        move |l: &Lookup| match l {
            Lookup::RouteTables(_) => Some(Ok(Fact::RouteTables(vec![
                RouteTable {
                    main: true,
                    subnets: vec![],
                    routes: vec![route(RouteTarget::Local), route(RouteTarget::NatGateway)],
                },
                RouteTable {
                    main: false,
                    subnets: if own { vec!["subnet-b".into()] } else { vec![] },
                    routes: routes.clone(),
                },
            ]))),
            _ => None,
        }
    };
    let internet_only = vec![route(RouteTarget::Local), route(RouteTarget::InternetGateway)];
    assert_eq!(
        codes(&request, tables(internet_only.clone(), true)),
        vec![("VpcConfig.Subnets[1]".to_string(), "account.vpc-s3-route")]
    );
    // The same table, but no subnet uses it: both use the main table, which has a NAT route.
    assert!(codes(&request, tables(internet_only.clone(), false)).is_empty());
    for way in [RouteTarget::NatGateway, RouteTarget::GatewayEndpoint, RouteTarget::Other] {
        assert!(
            codes(&request, tables(vec![route(RouteTarget::Local), route(way.clone())], true)).is_empty(),
            "{way:?}"
        );
    }
    // An S3 interface endpoint in the VPC serves every subnet.
    let with_interface = |l: &Lookup| match l {
        Lookup::VpcEndpoints(_) => Some(Ok(Fact::VpcEndpoints(vec![VpcEndpoint {
            service: format!("com.amazonaws.{REGION}.s3"),
            interface: true,
        }]))),
        other => tables(vec![route(RouteTarget::Local)], true)(other),
    };
    assert!(codes(&request, with_interface).is_empty());
}

#[test]
fn an_image_never_pushed_is_found_and_other_accounts_images_are_not_looked_up() {
    let request = request();
    let no_tag = codes(&request, |l| matches!(l, Lookup::Image { .. }).then(|| Ok(Fact::Image(ImageFact::NoImage))));
    assert_eq!(no_tag, vec![("AlgorithmSpecification.TrainingImage".to_string(), "account.image")]);
    let no_repo =
        codes(&request, |l| matches!(l, Lookup::Image { .. }).then(|| Ok(Fact::Image(ImageFact::NoRepository))));
    assert_eq!(no_repo.len(), 1);
    for uri in [
        format!("141502667606.dkr.ecr.{REGION}.amazonaws.com/sagemaker-xgboost:1.7-1"),
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310".to_string(),
        "docker.io/library/python:3.11".to_string(),
    ] {
        let mut other = request.clone();
        other["AlgorithmSpecification"]["TrainingImage"] = json!(uri);
        let facts =
            facts_for(&other, |l| matches!(l, Lookup::Image { .. }).then(|| Ok(Fact::Image(ImageFact::NoImage))));
        assert!(check(&other, REGION, &facts).problems.is_empty(), "{uri}");
        assert!(!plan(&other, REGION, &Facts::default()).iter().any(|l| matches!(l, Lookup::Image { .. })));
    }
    // By digest, and with neither tag nor digest (SageMaker pulls `latest`).
    let mut digest = request.clone();
    digest["AlgorithmSpecification"]["TrainingImage"] =
        json!(format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/m@sha256:ab"));
    let mut caller = Facts::default();
    caller.answer(Lookup::CallerIdentity, Ok(Fact::Caller { account: ACCOUNT.into() }));
    assert!(plan(&digest, REGION, &caller).contains(&Lookup::Image {
        repository: "m".into(),
        tag: None,
        digest: Some("sha256:ab".into())
    }));
}

#[test]
fn a_key_that_is_missing_disabled_pending_deletion_or_elsewhere_is_found_in_any_spelling() {
    let request = request();
    let key = |state: &str, region: &str| {
        let fact = KeyFact { state: state.into(), arn: format!("arn:aws:kms:{region}:{ACCOUNT}:key/k") };
        move |l: &Lookup| (*l == Lookup::Key("alias/training".into())).then(|| Ok(Fact::Key(Some(fact.clone()))))
    };
    assert_eq!(
        codes(&request, key("Disabled", REGION)),
        vec![("OutputDataConfig.KmsKeyId".to_string(), "account.kms-key")]
    );
    assert_eq!(codes(&request, key("PendingDeletion", REGION)).len(), 1);
    assert_eq!(codes(&request, key("Enabled", "us-west-2")).len(), 1);
    assert!(codes(&request, key("Enabled", REGION)).is_empty());
    let missing =
        codes(&request, |l| matches!(l, Lookup::Key(k) if k.starts_with("1234")).then(|| Ok(Fact::Key(None))));
    assert_eq!(missing, vec![("ResourceConfig.VolumeKmsKeyId".to_string(), "account.kms-key")]);
    // Every spelling is looked up as written: DescribeKey reads them all.
    for spelling in [
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:eu-west-1:111122223333:key/1234abcd",
        "alias/training",
        "arn:aws:kms:eu-west-1:111122223333:alias/training",
    ] {
        let mut spelled = request.clone();
        spelled["ResourceConfig"]["VolumeKmsKeyId"] = json!(spelling);
        assert!(plan(&spelled, REGION, &Facts::default()).contains(&Lookup::Key(spelling.into())));
        assert!(codes(&spelled, |_| None).is_empty());
    }
}

#[test]
fn a_lookup_that_could_not_be_made_is_skipped_with_its_permission_never_a_finding() {
    let request = request();
    let facts = facts_for(&request, |l| Some(Err(format!("AccessDenied for {}", l.permission()))));
    let outcome = check(&request, REGION, &facts);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let skipped: Vec<&str> = outcome.skipped.iter().map(|s| s.code).collect();
    for code in ["account.role", "account.s3-bucket", "account.vpc-mismatch", "account.image", "account.kms-key"] {
        assert!(skipped.contains(&code), "{code}: {skipped:?}");
    }
    let role = outcome.skipped.iter().find(|s| s.code == "account.role").unwrap();
    assert_eq!(role.path, "RoleArn");
    assert!(role.reason.contains("iam:GetRole"), "{}", role.reason);
}
