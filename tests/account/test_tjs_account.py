"""`tjs validate --account` (behaviour §13) against the local stack's moto, signatures checked,
seeded with a realistic account (scripts/local_stack.py, `seed_account`): each seeded mistake
is found with its code, a request that is right stays clean, a user who may not read the account
and an endpoint that is down give skipped checks and no finding, and credentials come from the
environment or a profile of a credentials file."""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from local_stack import REGION, LocalStack, free_port  # noqa: E402

TJS = os.environ.get("TJS_BIN", os.path.join(ROOT, "target", "debug", "tjs"))


@pytest.fixture(scope="module")
def stack():
    stack = LocalStack().start(serve_app=False)
    yield stack
    stack.stop()


def request(stack, **changes):
    return stack.account_request(**changes)


def tjs(tmp_path, body, *args, env=None, keys=None):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(body))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment["HOME"] = str(tmp_path)
    if keys:
        environment.update(AWS_ACCESS_KEY_ID=keys[0], AWS_SECRET_ACCESS_KEY=keys[1])
    environment.update(env or {})
    done = subprocess.run([TJS, "validate", str(path), "--format", "json", *args], env=environment,
                          capture_output=True, text=True, timeout=120)
    answer = json.loads(done.stdout) if done.stdout.strip().startswith("{") else None
    return done.returncode, answer, done.stderr


def account_codes(answer):
    return sorted((p["path"], p["code"]) for p in answer["problems"] if p["code"].startswith("account."))


def test_a_request_that_is_right_for_the_account_stays_clean(stack, tmp_path):
    code, answer, err = tjs(tmp_path, request(stack), "--account", "--region", REGION, "--endpoint-url",
                            stack.moto_url, keys=(stack.access_key_id, stack.secret_access_key))
    assert code == 0, (answer, err)
    assert account_codes(answer) == [] and answer["skipped"] == []


def test_each_seeded_mistake_is_found(stack, tmp_path):
    account = stack.account
    body = stack.account_mistakes()
    code, answer, err = tjs(tmp_path, body, "--account", "--region", REGION, "--endpoint-url", stack.moto_url,
                            keys=(stack.access_key_id, stack.secret_access_key))
    assert code == 1, err
    assert account_codes(answer) == sorted([
        ("RoleArn", "account.role"),
        ("InputDataConfig[0].DataSource.S3DataSource.S3Uri", "account.s3-empty"),
        ("InputDataConfig[1].DataSource.S3DataSource.S3Uri", "account.s3-region"),
        ("OutputDataConfig.S3OutputPath", "account.s3-bucket"),
        ("OutputDataConfig.KmsKeyId", "account.kms-key"),
        ("VpcConfig.Subnets[1]", "account.vpc-s3-route"),
        ("VpcConfig.SecurityGroupIds", "account.sg-self"),
        ("AlgorithmSpecification.TrainingImage", "account.image"),
    ]), answer
    # The message says what to change.
    messages = {p["code"]: p["message"] for p in answer["problems"]}
    assert "sagemaker.amazonaws.com" in messages["account.role"]
    assert "eu-west-1" in messages["account.s3-region"]
    # Subnets from two VPCs, and too few addresses for the job.
    body = request(stack, VpcConfig={"Subnets": [account["subnet_few_addresses"]], "SecurityGroupIds": [account["sg_other_vpc"]]},
                   ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30})
    body["ResourceConfig"]["InstanceCount"] = 4
    code, answer, err = tjs(tmp_path, body, "--account", "--region", REGION, "--endpoint-url", stack.moto_url,
                            keys=(stack.access_key_id, stack.secret_access_key))
    assert ("VpcConfig.SecurityGroupIds[0]", "account.vpc-mismatch") in account_codes(answer), answer
    assert ("VpcConfig.Subnets", "account.subnet-addresses") in account_codes(answer), answer


def test_a_user_who_may_not_read_the_account_gets_skipped_checks_and_no_finding(stack, tmp_path):
    code, answer, err = tjs(tmp_path, request(stack, RoleArn=stack.account["role_ec2_only_arn"]), "--account",
                            "--region", REGION, "--endpoint-url", stack.moto_url, keys=stack.sagemaker_only_keys)
    assert code == 0, err
    assert account_codes(answer) == []
    skipped = {s["code"]: s["reason"] for s in answer["skipped"]}
    assert "iam:GetRole" in skipped["account.role"] and "AccessDenied" in skipped["account.role"]
    assert set(skipped) >= {"account.role", "account.s3-bucket", "account.s3-empty", "account.vpc-mismatch",
                            "account.kms-key", "account.image"}, skipped


def test_an_endpoint_that_is_down_gives_skipped_checks(stack, tmp_path):
    down = f"http://127.0.0.1:{free_port()}/"
    code, answer, err = tjs(tmp_path, request(stack), "--account", "--region", REGION, "--endpoint-url", down,
                            keys=(stack.access_key_id, stack.secret_access_key))
    assert code == 0, err
    assert account_codes(answer) == [] and answer["skipped"]
    assert all("got no answer" in s["reason"] for s in answer["skipped"]), answer["skipped"]


def test_credentials_come_from_a_profile_and_their_absence_is_said(stack, tmp_path):
    credentials = tmp_path / "credentials"
    credentials.write_text(f"[default]\naws_access_key_id = nobody\naws_secret_access_key = x\n\n"
                           f"[studio]\naws_access_key_id = {stack.access_key_id}\n"
                           f"aws_secret_access_key = {stack.secret_access_key}\n")
    body = request(stack, RoleArn=stack.account["role_ec2_only_arn"])
    code, answer, err = tjs(tmp_path, body, "--account", "--profile", "studio", "--endpoint-url", stack.moto_url,
                            env={"AWS_SHARED_CREDENTIALS_FILE": str(credentials), "AWS_REGION": REGION})
    assert code == 1, err
    assert account_codes(answer) == [("RoleArn", "account.role")]
    code, answer, err = tjs(tmp_path, body, "--account", "--region", REGION, "--endpoint-url", stack.moto_url)
    assert code == 2 and "needs credentials" in err
    code, _, err = tjs(tmp_path, body, "--account", "--endpoint-url", stack.moto_url, keys=("a", "b"))
    assert code == 2 and "region" in err
