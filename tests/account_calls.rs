//! behaviour §13: the calls that carry out the account lookups (what is asked, of whom, signed
//! how) and the reading of their answers, with answers as AWS writes them and as the local
//! stack's moto gave them (tests/fixtures/account/).

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;
use tjs::core::account::{call_for, read_answer, AccountService, Fact, ImageFact, KeyFact, Lookup, RouteTarget};
use tjs::core::sign::{sign_call, Keys};

fn keys() -> Keys {
    Keys { access_key_id: "AKIDEXAMPLE".into(), secret_access_key: "secret".into(), session_token: String::new() }
}

#[test]
fn each_lookup_is_a_read_of_its_own_service_in_the_right_region() {
    let call = call_for(&Lookup::Role("training".into()), "eu-west-1", "");
    assert_eq!(
        (call.service, call.region.as_str(), call.url.as_str()),
        (AccountService::Iam, "us-east-1", "https://iam.amazonaws.com/")
    );
    assert_eq!(call.body, "Action=GetRole&Version=2010-05-08&RoleName=training");
    let china = call_for(&Lookup::Role("training".into()), "cn-north-1", "");
    assert_eq!(china.url, "https://iam.cn-north-1.amazonaws.com.cn/");

    let objects = call_for(&Lookup::Objects { bucket: "data".into(), prefix: "train/a b+c".into() }, "eu-west-1", "");
    assert_eq!(objects.method, "GET");
    assert_eq!(objects.url, "https://s3.eu-west-1.amazonaws.com/data?list-type=2&max-keys=1&prefix=train%2Fa%20b%2Bc");

    let subnets = call_for(&Lookup::Subnets(vec!["subnet-1".into(), "subnet-2".into()]), "eu-west-1", "");
    assert_eq!(subnets.url, "https://ec2.eu-west-1.amazonaws.com/");
    assert_eq!(
        subnets.body,
        "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-1&Filter.1.Value.2=subnet-2"
    );

    let image =
        call_for(&Lookup::Image { repository: "train".into(), tag: Some("v1".into()), digest: None }, "eu-west-1", "");
    assert_eq!(image.url, "https://api.ecr.eu-west-1.amazonaws.com/");
    assert_eq!(
        image.headers,
        vec![("x-amz-target", "AmazonEC2ContainerRegistry_V20150921.DescribeImages".to_string())]
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&image.body).unwrap(),
        json!({"repositoryName": "train", "imageIds": [{"imageTag": "v1"}]})
    );

    // A key named by its ARN is asked of the ARN's region.
    let key = call_for(&Lookup::Key("arn:aws:kms:us-west-2:111122223333:key/k".into()), "eu-west-1", "");
    assert_eq!((key.url.as_str(), key.region.as_str()), ("https://kms.us-west-2.amazonaws.com/", "us-west-2"));
    let alias = call_for(&Lookup::Key("alias/studio".into()), "eu-west-1", "");
    assert_eq!(alias.region, "eu-west-1");

    // Only S3 refuses calls from a page of another origin.
    assert!(!objects.service.accepts_cors());
    assert!(subnets.service.accepts_cors() && key.service.accepts_cors());
}

#[test]
fn one_endpoint_stands_for_every_service_keeping_path_and_query() {
    let at = "http://127.0.0.1:5000";
    let location = call_for(&Lookup::BucketRegion("data".into()), "eu-west-1", at);
    assert_eq!(location.url, "http://127.0.0.1:5000/data?location=");
    let role = call_for(&Lookup::Role("r".into()), "eu-west-1", "http://127.0.0.1:5000/");
    assert_eq!(role.url, "http://127.0.0.1:5000/");
    assert_eq!(role.region, "us-east-1");
}

#[test]
fn calls_are_signed_for_their_service_and_s3_carries_its_payload_hash() {
    let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let call = call_for(&Lookup::Objects { bucket: "data".into(), prefix: "train/".into() }, "eu-west-1", "");
    let signed = sign_call(&call, &keys(), time).unwrap();
    let header = |name: &str| signed.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert!(header("authorization").unwrap().contains("/eu-west-1/s3/aws4_request"));
    assert_eq!(
        header("x-amz-content-sha256").as_deref(),
        Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    let ec2 = sign_call(&call_for(&Lookup::Subnets(vec!["subnet-1".into()]), "eu-west-1", ""), &keys(), time).unwrap();
    let ec2_header = |name: &str| ec2.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert!(ec2_header("authorization").unwrap().contains("/eu-west-1/ec2/aws4_request"));
    assert_eq!(ec2_header("content-type").as_deref(), Some("application/x-www-form-urlencoded; charset=utf-8"));
    let no_keys = Keys::default();
    assert!(sign_call(&call, &no_keys, time).is_err());
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/account/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn aws_answers_are_read_into_facts() {
    let role = r#"<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>
        <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22sagemaker.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
        <RoleName>training</RoleName></Role></GetRoleResult></GetRoleResponse>"#;
    match read_answer(&Lookup::Role("training".into()), 200, role) {
        Ok(Fact::Role(Some(found))) => {
            assert_eq!(found.trust_policy["Statement"][0]["Principal"]["Service"], "sagemaker.amazonaws.com")
        }
        other => panic!("{other:?}"),
    }
    let missing = r#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
        <Code>NoSuchEntity</Code><Message>The role with name x cannot be found.</Message></Error></ErrorResponse>"#;
    assert_eq!(read_answer(&Lookup::Role("x".into()), 404, missing), Ok(Fact::Role(None)));

    // A NAT gateway's route, an S3 gateway endpoint's, the local one and an internet gateway's.
    let tables = r#"<DescribeRouteTablesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><routeTableSet>
        <item><routeTableId>rtb-1</routeTableId><vpcId>vpc-1</vpcId>
          <routeSet>
            <item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>active</state></item>
            <item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><natGatewayId>nat-1</natGatewayId><state>active</state></item>
            <item><destinationPrefixListId>pl-63a5400a</destinationPrefixListId><gatewayId>vpce-1</gatewayId></item>
          </routeSet>
          <associationSet><item><main>false</main><subnetId>subnet-1</subnetId></item></associationSet></item>
        <item><routeTableId>rtb-2</routeTableId>
          <routeSet><item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-1</gatewayId></item></routeSet>
          <associationSet><item><main>true</main></item></associationSet></item>
        </routeTableSet></DescribeRouteTablesResponse>"#;
    match read_answer(&Lookup::RouteTables("vpc-1".into()), 200, tables) {
        Ok(Fact::RouteTables(tables)) => {
            assert_eq!(tables.len(), 2);
            assert_eq!((tables[0].main, tables[0].subnets.clone()), (false, vec!["subnet-1".to_string()]));
            let targets: Vec<&RouteTarget> = tables[0].routes.iter().map(|r| &r.target).collect();
            assert_eq!(targets, [&RouteTarget::Local, &RouteTarget::NatGateway, &RouteTarget::GatewayEndpoint]);
            assert_eq!(tables[0].routes[2].destination, "pl-63a5400a");
            assert!(tables[1].main && tables[1].subnets.is_empty());
            assert_eq!(tables[1].routes[0].target, RouteTarget::InternetGateway);
        }
        other => panic!("{other:?}"),
    }
    let endpoints = r#"<DescribeVpcEndpointsResponse><vpcEndpointSet><item><serviceName>com.amazonaws.eu-west-1.s3</serviceName>
        <vpcEndpointType>Interface</vpcEndpointType></item></vpcEndpointSet></DescribeVpcEndpointsResponse>"#;
    match read_answer(&Lookup::VpcEndpoints("vpc-1".into()), 200, endpoints) {
        Ok(Fact::VpcEndpoints(found)) => {
            assert!(found[0].interface && found[0].service == "com.amazonaws.eu-west-1.s3")
        }
        other => panic!("{other:?}"),
    }
    let types = r#"<DescribeInstanceTypesResponse><instanceTypeSet>
        <item><instanceType>p4d.24xlarge</instanceType><networkInfo><efaSupported>true</efaSupported></networkInfo></item>
        <item><instanceType>m5.xlarge</instanceType><networkInfo><efaSupported>false</efaSupported></networkInfo></item>
        </instanceTypeSet></DescribeInstanceTypesResponse>"#;
    let asked = Lookup::InstanceTypes(vec!["m5.xlarge".into(), "p4d.24xlarge".into()]);
    assert_eq!(read_answer(&asked, 200, types), Ok(Fact::InstanceTypes { efa: vec!["p4d.24xlarge".into()] }));

    let key = r#"{"KeyMetadata":{"KeyId":"k","Arn":"arn:aws:kms:eu-west-1:111122223333:key/k","KeyState":"Disabled"}}"#;
    assert_eq!(
        read_answer(&Lookup::Key("alias/k".into()), 200, key),
        Ok(Fact::Key(Some(KeyFact {
            state: "Disabled".into(),
            arn: "arn:aws:kms:eu-west-1:111122223333:key/k".into()
        })))
    );
    let no_key = r#"{"__type":"NotFoundException","message":"Alias arn:aws:kms:eu-west-1:1:alias/x is not found."}"#;
    assert_eq!(read_answer(&Lookup::Key("alias/x".into()), 400, no_key), Ok(Fact::Key(None)));
    let image = Lookup::Image { repository: "r".into(), tag: Some("v2".into()), digest: None };
    let no_tag =
        r#"{"__type":"ImageNotFoundException","message":"The image with imageId {imageTag:'v2'} does not exist"}"#;
    assert_eq!(read_answer(&image, 400, no_tag), Ok(Fact::Image(ImageFact::NoImage)));
    let no_repository = r#"{"__type":"com.amazonaws.ecr#RepositoryNotFoundException","message":"no"}"#;
    assert_eq!(read_answer(&image, 400, no_repository), Ok(Fact::Image(ImageFact::NoRepository)));
    assert_eq!(
        read_answer(&image, 200, r#"{"imageDetails":[{"imageTags":["v2"]}]}"#),
        Ok(Fact::Image(ImageFact::Found))
    );
}

#[test]
fn bad_answers_are_reasons_never_facts() {
    let lookup = Lookup::Subnets(vec!["subnet-1".into()]);
    let reason = |status, body: &str| read_answer(&lookup, status, body).unwrap_err();
    assert!(reason(200, "<html><body>Proxy login</body></html>").contains("could not be read as the service's"));
    assert!(reason(200, "<DescribeSubnetsResponse><subnetSet><item>").contains("could not be read"));
    assert!(reason(200, "").contains("was empty"));
    assert!(reason(502, "<!doctype html><title>Bad gateway</title>").contains("HTTP 502"));
    let denied = r#"<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors></Response>"#;
    assert!(reason(403, denied).starts_with("refused: UnauthorizedOperation"));
    let throttled = r#"<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors></Response>"#;
    assert!(reason(503, throttled).contains("slowing calls down"));
    // An answer to another question is not taken for this one.
    assert!(read_answer(&lookup, 200, "<DescribeSecurityGroupsResponse/>").is_err());
    // JSON answers: cut off, or missing what was asked.
    assert!(read_answer(&Lookup::Key("k".into()), 200, r#"{"KeyMetadata":{"KeyId""#).is_err());
    assert!(read_answer(&Lookup::Key("k".into()), 200, "{}").is_err());
    // A bucket in another region answers a listing with a redirect: not a finding of its own.
    let objects = Lookup::Objects { bucket: "b".into(), prefix: "p/".into() };
    let moved = "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>";
    assert_eq!(read_answer(&objects, 301, moved), Err("the bucket is in another region than the job".into()));
}

/// The local stack's answers (captured from moto; ids in tests/fixtures/account/README.md), read
/// and checked: each seeded mistake is found, each good member stays clean.
#[test]
fn moto_answers_are_read_into_facts_and_checked() {
    const A: &str = "subnet-1147e053c0a117191"; // NAT route
    const B: &str = "subnet-3f6cf8e0ee8e7b7a1"; // local route only
    const SELF: &str = "sg-50d71efb24900b5dd";
    const OPEN: &str = "sg-843111ec192ac6c03";
    let answers: Vec<(Lookup, u16, &str)> = vec![
        (Lookup::CallerIdentity, 200, "sts-get-caller-identity.xml"),
        (Lookup::Role("ec2-only".into()), 200, "iam-get-role-ec2-only.xml"),
        (Lookup::BucketRegion("studio-data".into()), 200, "s3-location-studio-data.xml"),
        (Lookup::BucketRegion("studio-eu-data".into()), 200, "s3-location-studio-eu-data.xml"),
        (Lookup::BucketRegion("no-such-bucket-xyz".into()), 404, "s3-location-missing.xml"),
        (Lookup::Objects { bucket: "studio-data".into(), prefix: "train/".into() }, 200, "s3-list-train.xml"),
        (Lookup::Objects { bucket: "studio-data".into(), prefix: "trian/".into() }, 200, "s3-list-empty.xml"),
        (Lookup::Subnets(vec![A.into(), B.into()]), 200, "ec2-describe-subnets.xml"),
        (Lookup::SecurityGroups(vec![OPEN.into(), SELF.into()]), 200, "ec2-describe-security-groups.xml"),
        (Lookup::RouteTables("vpc-15af5b9a09d698e25".into()), 200, "ec2-describe-route-tables.xml"),
        (Lookup::VpcEndpoints("vpc-15af5b9a09d698e25".into()), 200, "ec2-describe-vpc-endpoints.xml"),
        (Lookup::InstanceTypes(vec!["m5.xlarge".into()]), 200, "ec2-describe-instance-types.xml"),
        (Lookup::Key("alias/studio".into()), 200, "kms-describe-key-alias.json"),
        (Lookup::Key("alias/studio-disabled".into()), 200, "kms-describe-key-alias-disabled.json"),
        (Lookup::Key("alias/none".into()), 400, "kms-describe-key-missing-alias.json"),
        (
            Lookup::Image { repository: "studio-train".into(), tag: Some("v2".into()), digest: None },
            400,
            "ecr-describe-images-missing-tag.json",
        ),
    ];
    let mut facts = tjs::core::account::Facts::default();
    for (lookup, status, file) in answers {
        let fact = read_answer(&lookup, status, &fixture(file));
        assert!(fact.is_ok(), "{file}: {fact:?}");
        facts.answer(lookup, fact);
    }
    match facts.get(&Lookup::Subnets(vec![A.into(), B.into()])) {
        Some(Ok(Fact::Subnets { found, missing })) => assert!(found.len() == 2 && missing.is_empty()),
        other => panic!("{other:?}"),
    }
    let request = json!({
        "RoleArn": "arn:aws:iam::123456789012:role/ec2-only",
        "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/studio-train:v2"},
        "InputDataConfig": [
            {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://studio-data/train/"}}},
            {"ChannelName": "validation", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://studio-data/trian/"}}},
            {"ChannelName": "eu", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://studio-eu-data/train/"}}}
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://no-such-bucket-xyz/out/", "KmsKeyId": "alias/studio-disabled"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30, "VolumeKmsKeyId": "alias/studio"},
        "VpcConfig": {"Subnets": [A, B], "SecurityGroupIds": [OPEN, SELF]}
    });
    let outcome = tjs::core::account::check(&request, "us-east-1", &facts);
    let found: Vec<(&str, &str)> = outcome.problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(
        found,
        [
            ("RoleArn", "account.role"),
            ("InputDataConfig[1].DataSource.S3DataSource.S3Uri", "account.s3-empty"),
            ("InputDataConfig[2].DataSource.S3DataSource.S3Uri", "account.s3-region"),
            ("OutputDataConfig.S3OutputPath", "account.s3-bucket"),
            ("VpcConfig.Subnets[1]", "account.vpc-s3-route"),
            ("AlgorithmSpecification.TrainingImage", "account.image"),
            ("OutputDataConfig.KmsKeyId", "account.kms-key"),
        ],
        "{:#?}",
        outcome.problems
    );
    // studio-self talks to itself, so a job on two instances with both groups is fine.
    assert!(outcome.skipped.is_empty(), "{:?}", outcome.skipped);
}

#[test]
fn a_user_without_read_permissions_gets_reasons_from_moto() {
    let denied = read_answer(&Lookup::Role("r".into()), 403, &fixture("iam-get-role-denied.xml")).unwrap_err();
    assert!(denied.starts_with("refused: AccessDenied"), "{denied}");
    let denied =
        read_answer(&Lookup::Subnets(vec!["subnet-1".into()]), 403, &fixture("ec2-describe-subnets-denied.xml"));
    assert!(denied.unwrap_err().contains("not authorized to perform: ec2:DescribeSubnets"));
}

#[test]
fn the_page_calls_cors_services_directly_and_s3_through_send_via() {
    let role = call_for(&Lookup::Role("r".into()), "eu-west-1", "");
    let bucket = call_for(&Lookup::BucketRegion("data".into()), "eu-west-1", "");
    assert_eq!(role.send_to("aws/", false), "https://iam.amazonaws.com/");
    assert_eq!(bucket.send_to("aws/", false), "aws/s3.amazonaws.com/data?location=");
    assert_eq!(
        bucket.send_to("https://abc.lambda-url.eu-west-1.on.aws/", false),
        "https://abc.lambda-url.eu-west-1.on.aws/s3.amazonaws.com/data?location="
    );
    // No Send via: straight to the service (S3 then answers only if the bucket allows it).
    assert_eq!(bucket.send_to("", false), "https://s3.amazonaws.com/data?location=");
    // One account endpoint (a local stack): every call through Send via.
    let local = call_for(&Lookup::Role("r".into()), "eu-west-1", "http://127.0.0.1:5000/");
    assert_eq!(local.send_to("aws/", true), "aws/127.0.0.1:5000/");
    assert_eq!(local.send_to("", true), "http://127.0.0.1:5000/");
}

#[test]
fn findings_go_when_their_member_changes() {
    use tjs::core::account::{codes, still_found};
    use tjs::core::problem::Problem;
    let checked = json!({
        "InputDataConfig": [{"DataSource": {"S3DataSource": {"S3Uri": "s3://d/trian/"}}}],
        "VpcConfig": {"SecurityGroupIds": ["sg-1"]},
        "ResourceConfig": {"InstanceCount": 2},
    });
    let found = vec![
        Problem::error("InputDataConfig[0].DataSource.S3DataSource.S3Uri", codes::S3_EMPTY, "empty"),
        Problem::warning("VpcConfig.SecurityGroupIds", codes::SG_SELF, "hangs"),
    ];
    assert_eq!(still_found(&found, &checked, &checked), found);
    let mut fixed = checked.clone();
    fixed["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"] = json!("s3://d/train/");
    assert_eq!(still_found(&found, &checked, &fixed), found[1..]);
    // The self-rule warning counts instances: one instance less, and it goes.
    let mut single = checked.clone();
    single["ResourceConfig"]["InstanceCount"] = json!(1);
    assert_eq!(still_found(&found, &checked, &single), found[..1]);
    // A channel removed: the path now names nothing, so its finding goes.
    assert_eq!(
        still_found(
            &found,
            &checked,
            &json!({"VpcConfig": {"SecurityGroupIds": ["sg-1"]}, "ResourceConfig": {"InstanceCount": 2}})
        ),
        found[1..]
    );
}
