#!/usr/bin/env python3
"""The local stack: moto (a SageMaker-compatible endpoint) with SigV4 checking on, a seeded IAM
user and access key, and nginx serving dist/ with the same-origin proxy at /aws/ (which forwards
/aws/<host>/ to that AWS host, and /aws/127.0.0.1:<moto port>/ to moto).

    python scripts/local_stack.py [--port 8080] [--moto-port 5000]

runs it until Ctrl-C. The end-to-end tests import LocalStack and start it on free ports.
"""
import argparse
import json
import os
import shutil
import signal
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer

import boto3
import certifi

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACCOUNT = "123456789012"  # moto's default account
REGION = "us-east-1"
# The app's user: SageMaker, and reading a job's log and metrics (behaviour §15). moto checks
# CloudWatch's actions under the endpoint's name, monitoring:, so both spellings are granted.
USER_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
        "sagemaker:*", "sts:*", "logs:DescribeLogStreams", "logs:GetLogEvents",
        "cloudwatch:GetMetricData", "monitoring:GetMetricData",
        # The account checks (behaviour §13), read-only. moto checks each under these names; a
        # ListObjectsV2 call (list-type=2) as s3:ListBucket, as AWS does.
        "iam:GetRole", "iam:ListRoles", "sts:GetCallerIdentity",
        "s3:GetBucketLocation", "s3:ListBucket",
        "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeRouteTables",
        "ec2:DescribeVpcEndpoints", "ec2:DescribeInstanceTypes", "ec2:DescribeVpcs",
        "kms:DescribeKey", "kms:ListAliases", "ecr:DescribeImages", "ecr:DescribeRepositories"]}],
}
# What a running job writes with (tests/e2e/job_writer.py): its log and metrics.
WRITER_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Resource": "*", "Action": ["logs:*", "cloudwatch:*", "monitoring:*"]}],
}
TRUST_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/studio",
                                                   "Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


# How the proxy reaches moto, which is not an AWS host: the same as the AWS rule, over HTTP.
LOCAL_FORWARD = """
        location /aws/{host}/ {{
            limit_except GET POST {{ deny all; }}
            proxy_pass http://{host}/;
            proxy_set_header Host {host};
            proxy_request_buffering on;
            client_max_body_size 1m;
        }}
"""


def fill_placeholders(template, **values):
    """The nginx template with each ${NAME} replaced (upper case: nginx's own $variables stay),
    except in the comments that describe them."""
    def fill(line):
        if line.lstrip().startswith("#"):
            return line
        return re.sub(r"\$\{([A-Z_]+)\}", lambda m: values[m.group(1)], line)
    return "".join(fill(line) for line in template.splitlines(keepends=True))


def resolver():
    """This machine's DNS server, for the proxy's AWS rule (nginx resolves names itself)."""
    try:
        with open("/etc/resolv.conf") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "nameserver":
                    return f"[{parts[1]}]" if ":" in parts[1] else parts[1]
    except OSError:
        pass
    return "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """An HTTP server on a free local port, answering with `handler` (a BaseHTTPRequestHandler
    class) on a thread of its own, until stop()."""

    def serve(self, handler, port=None):
        self.server = ThreadingHTTPServer(("127.0.0.1", port or free_port()), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self):
        self.server.shutdown()


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            if time.time() > deadline:
                raise RuntimeError(f"{url} did not come up in {seconds} s")
            time.sleep(0.1)


# What a job submitted to scripts/start.sh goes through, one step per DescribeTrainingJob: each
# Training step writes five more epochs of log lines and metric points.
LIVE_SCRIPT = [("InProgress", "Starting"), ("InProgress", "Downloading")] + [("InProgress", "Training")] * 6 + [
    ("InProgress", "Uploading"), ("Completed", "Completed")]


class LocalStack:
    """moto (signatures checked) and nginx serving dist/ with the same-origin proxy. With
    `live_jobs`, SageMaker's calls go to a job stand-in (job_stand_in.py) whose jobs run for a
    while and write their log and metrics into moto (job_writer.py), as scripts/start.sh shows
    them; without, to moto, whose jobs complete at once (the tests put stand-ins where they need)."""

    def __init__(self, dist=os.path.join(ROOT, "dist"), port=None, moto_port=None, live_jobs=False):
        self.dist = os.path.abspath(dist)
        self.live_jobs, self.stand_in = live_jobs, None
        self.port = port or free_port()
        self.moto_port = moto_port or free_port()
        self.workdir = tempfile.mkdtemp(prefix="tjs-stack-")
        self.processes = []

    @property
    def app_url(self):
        return f"http://127.0.0.1:{self.port}/"

    @property
    def moto_url(self):
        return f"http://127.0.0.1:{self.moto_port}/"

    def client(self, service, key_id="seed", secret="seed", token=None, region=REGION):
        return boto3.client(service, region_name=region, endpoint_url=self.moto_url, aws_access_key_id=key_id,
                            aws_secret_access_key=secret, aws_session_token=token)

    def start(self, serve_app=True):
        """Starts moto and seeds it; with `serve_app`, nginx serving the app as well."""
        venv_bin = os.path.dirname(sys.executable)
        moto = shutil.which("moto_server", path=venv_bin) or shutil.which("moto_server")
        # A generous count of unauthenticated calls for seeding; reset-auth then turns checking on.
        env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="1000")
        log = open(os.path.join(self.workdir, "moto.log"), "w")
        self.processes.append(subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(self.moto_port)],
                                               env=env, stdout=log, stderr=subprocess.STDOUT))
        wait_for(self.moto_url + "moto-api/")
        self.seed()
        if self.live_jobs:
            from job_stand_in import JobStandIn
            from job_writer import JobWriter
            writer = JobWriter(self.client("logs", *self.writer_keys), self.client("cloudwatch", *self.writer_keys))
            self.stand_in = JobStandIn({self.access_key_id: self.secret_access_key,
                                        self.sagemaker_only_keys[0]: self.sagemaker_only_keys[1]}, writer=writer)
            self.stand_in.default_script = LIVE_SCRIPT
        if serve_app:
            self.start_nginx()
        return self

    @property
    def sagemaker_url(self):
        """Where the app sends SageMaker's calls: the job stand-in with live jobs, else moto."""
        return self.stand_in.url if self.stand_in else self.moto_url

    def seed(self):
        iam = self.client("iam")
        iam.create_user(UserName="studio")
        iam.put_user_policy(UserName="studio", PolicyName="studio", PolicyDocument=json.dumps(USER_POLICY))
        key = iam.create_access_key(UserName="studio")["AccessKey"]
        self.access_key_id, self.secret_access_key = key["AccessKeyId"], key["SecretAccessKey"]
        # A user who may use SageMaker but not read logs or metrics.
        iam.create_user(UserName="sagemaker-only")
        iam.put_user_policy(UserName="sagemaker-only", PolicyName="sagemaker", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sagemaker:*"], "Resource": "*"}]}))
        key = iam.create_access_key(UserName="sagemaker-only")["AccessKey"]
        self.sagemaker_only_keys = (key["AccessKeyId"], key["SecretAccessKey"])
        iam.create_user(UserName="job-writer")
        iam.put_user_policy(UserName="job-writer", PolicyName="writer", PolicyDocument=json.dumps(WRITER_POLICY))
        key = iam.create_access_key(UserName="job-writer")["AccessKey"]
        self.writer_keys = (key["AccessKeyId"], key["SecretAccessKey"])
        role = iam.create_role(RoleName="studio-training", AssumeRolePolicyDocument=json.dumps(TRUST_POLICY))
        self.role_arn = role["Role"]["Arn"]
        iam.put_role_policy(RoleName="studio-training", PolicyName="studio", PolicyDocument=json.dumps(USER_POLICY))
        self.seed_account()
        # From here on every request must be signed with a known key.
        # A form content type would make Flask swallow the body, so say it is plain text.
        urllib.request.urlopen(urllib.request.Request(self.moto_url + "moto-api/reset-auth", data=b"0", method="POST",
                                                      headers={"Content-Type": "text/plain"}))

    def seed_account(self):
        """What the account checks (behaviour §13) read: roles, buckets, a VPC with a subnet that
        reaches S3 and one that does not, security groups with and without a self rule, keys and an
        image. The ids moto gave are in self.account."""
        iam = self.client("iam")
        for name, service in [("sagemaker-execution", "sagemaker.amazonaws.com"), ("ec2-only", "ec2.amazonaws.com")]:
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}))

        s3 = self.client("s3")
        s3.create_bucket(Bucket="studio-data")
        for key in ["train/part-0.csv", "validation/part-0.csv", "manifests/train.manifest"]:
            s3.put_object(Bucket="studio-data", Key=key, Body=b"1,2,3\n")
        s3.create_bucket(Bucket="studio-output")
        # What the tests' usual form names (tests/e2e/test_slice.py): it passes the account checks.
        s3.create_bucket(Bucket="my-bucket")
        s3.put_object(Bucket="my-bucket", Key="train/part-0.csv", Body=b"1,2,3\n")
        eu = self.client("s3", region="eu-west-1")
        eu.create_bucket(Bucket="studio-eu-data", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        eu.put_object(Bucket="studio-eu-data", Key="train/part-0.csv", Body=b"1,2,3\n")

        ec2 = self.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "studio"}]}])["Vpc"]["VpcId"]

        def subnet(cidr, zone, name):
            return ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zone, TagSpecifications=[
                {"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": name}]}])["Subnet"]["SubnetId"]

        def route_table(subnet_id):
            table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            ec2.associate_route_table(RouteTableId=table, SubnetId=subnet_id)
            return table

        # A public subnet with the internet gateway, holding the NAT gateway that subnet A goes out by.
        public = subnet("10.20.0.0/24", "us-east-1a", "studio-public")
        gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
        ec2.create_route(RouteTableId=route_table(public), DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
        address = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=address)["NatGateway"]["NatGatewayId"]
        reaches_s3 = subnet("10.20.1.0/24", "us-east-1a", "studio-a")
        table_a = route_table(reaches_s3)
        ec2.create_route(RouteTableId=table_a, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        # Subnet B: a route table of its own with only the local route.
        no_route = subnet("10.20.2.0/24", "us-east-1b", "studio-b")
        table_b = route_table(no_route)
        # Subnet C: a /28 (11 usable addresses) with 8 taken by network interfaces, 3 left; it reaches
        # S3 the other way, by a gateway endpoint on a route table of its own.
        few_addresses = subnet("10.20.3.0/28", "us-east-1a", "studio-c")
        table_c = route_table(few_addresses)
        endpoint = ec2.create_vpc_endpoint(VpcId=vpc, VpcEndpointType="Gateway", RouteTableIds=[table_c],
                                           ServiceName=f"com.amazonaws.{REGION}.s3")["VpcEndpoint"]["VpcEndpointId"]
        for _ in range(8):
            ec2.create_network_interface(SubnetId=few_addresses)

        sg_self = ec2.create_security_group(GroupName="studio-self", Description="all traffic from itself",
                                            VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=sg_self, IpPermissions=[
            {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": sg_self}]}])
        # No inbound rule at all: a job on more than one instance could not talk between them. (A
        # rule from addresses might cover the instances, so the checks take it as enough.)
        sg_no_self = ec2.create_security_group(GroupName="studio-no-self", Description="no inbound rule",
                                               VpcId=vpc)["GroupId"]
        # A group in another VPC (moto's default one), for a subnet and group that do not match.
        default_vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        sg_other_vpc = ec2.describe_security_groups(Filters=[
            {"Name": "vpc-id", "Values": [default_vpc]}, {"Name": "group-name", "Values": ["default"]}],
        )["SecurityGroups"][0]["GroupId"]

        kms = self.client("kms")
        key_enabled = kms.create_key(Description="studio")["KeyMetadata"]
        kms.create_alias(AliasName="alias/studio", TargetKeyId=key_enabled["KeyId"])
        key_disabled = kms.create_key(Description="studio, disabled")["KeyMetadata"]
        kms.create_alias(AliasName="alias/studio-disabled", TargetKeyId=key_disabled["KeyId"])
        kms.disable_key(KeyId=key_disabled["KeyId"])

        ecr = self.client("ecr")
        repository = ecr.create_repository(repositoryName="studio-train")["repository"]
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                    "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 2,
                               "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
                    "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 32,
                                "digest": "sha256:" + "0" * 64}]}
        image = ecr.put_image(repositoryName="studio-train", imageTag="v1", imageManifest=json.dumps(manifest))["image"]
        ecr.create_repository(repositoryName="train")
        ecr.put_image(repositoryName="train", imageTag="1", imageManifest=json.dumps(manifest))

        self.account = dict(
            vpc=vpc, subnet_public=public, subnet_reaches_s3=reaches_s3, subnet_no_route=no_route,
            subnet_few_addresses=few_addresses, route_table_reaches_s3=table_a, route_table_no_route=table_b,
            route_table_few_addresses=table_c, s3_endpoint=endpoint, internet_gateway=gateway, nat_gateway=nat,
            sg_self=sg_self, sg_no_self=sg_no_self, default_vpc=default_vpc, sg_other_vpc=sg_other_vpc,
            key_enabled_id=key_enabled["KeyId"], key_enabled_arn=key_enabled["Arn"],
            key_disabled_id=key_disabled["KeyId"], key_disabled_arn=key_disabled["Arn"],
            repository_uri=repository["repositoryUri"], image_digest=image["imageId"]["imageDigest"],
            role_execution_arn=f"arn:aws:iam::{ACCOUNT}:role/sagemaker-execution",
            role_ec2_only_arn=f"arn:aws:iam::{ACCOUNT}:role/ec2-only")

    def account_request(self, **changes):
        """A CreateTrainingJob request that is right for the seeded account (behaviour §13: the
        account checks find nothing); `changes` replace members."""
        account = self.account
        body = {
            "TrainingJobName": f"account-check-{int(time.time() * 1000)}",
            "RoleArn": account["role_execution_arn"],
            "AlgorithmSpecification": {"TrainingImage": f"{account['repository_uri']}:v1", "TrainingInputMode": "File"},
            "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": "s3://studio-data/train/"}}}],
            "OutputDataConfig": {"S3OutputPath": "s3://studio-output/models/", "KmsKeyId": "alias/studio"},
            "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30,
                               "VolumeKmsKeyId": account["key_enabled_arn"]},
            "VpcConfig": {"Subnets": [account["subnet_reaches_s3"]], "SecurityGroupIds": [account["sg_self"]]},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        }
        body.update(changes)
        return body

    def account_mistakes(self):
        """The request with one seeded mistake in each member the account checks read: a role
        that does not trust SageMaker, an empty prefix, a bucket in another region, a missing
        bucket, a disabled key, a subnet with no route to S3, a group with no self rule, an image
        tag never pushed."""
        account = self.account
        channel = lambda name, uri: {"ChannelName": name, "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": uri}}}
        return self.account_request(
            RoleArn=account["role_ec2_only_arn"],
            AlgorithmSpecification={"TrainingImage": f"{account['repository_uri']}:v2", "TrainingInputMode": "File"},
            InputDataConfig=[channel("train", "s3://studio-data/trian/"), channel("eu", "s3://studio-eu-data/train/")],
            OutputDataConfig={"S3OutputPath": "s3://studio-missing-bucket/out/", "KmsKeyId": "alias/studio-disabled"},
            VpcConfig={"Subnets": [account["subnet_reaches_s3"], account["subnet_no_route"]],
                       "SecurityGroupIds": [account["sg_no_self"]]},
        )

    def temporary_credentials(self):
        sts = self.client("sts", self.access_key_id, self.secret_access_key)
        creds = sts.assume_role(RoleArn=self.role_arn, RoleSessionName="studio")["Credentials"]
        return creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]

    def start_nginx(self):
        prefix = os.path.join(self.workdir, "nginx")
        os.makedirs(prefix)
        settings = os.path.join(self.workdir, "settings.json")
        with open(settings, "w") as f:
            # pollSeconds: a followed job is checked after 1, 2, 4... seconds rather than 5, 10, 20...
            json.dump({"region": REGION, "endpoint": self.sagemaker_url, "accountEndpoint": self.moto_url, "sendVia": "aws/",
                       "pollSeconds": 1}, f)
        with open(os.path.join(ROOT, "deploy", "nginx.conf.template")) as f:
            conf = fill_placeholders(f.read(), 
                LISTEN=f"127.0.0.1:{self.port}", ROOT=self.dist, SETTINGS_JSON=settings, PREFIX=prefix,
                RESOLVER=resolver(), CA_CERTIFICATES=certifi.where(),
                # Direct mode to endpoints on this machine (moto, the tests' stand-ins).
                CONNECT_EXTRA="http://127.0.0.1:*",
                # moto stands for every AWS endpoint: the app signs for it, and sends via aws/.
                LOCAL_FORWARDS="".join(LOCAL_FORWARD.format(host=url.split("//")[1].rstrip("/"))
                                       for url in {self.moto_url, self.sagemaker_url}))
        if os.geteuid() == 0:
            # Workers would run as nobody, who cannot read a checkout or temp folder private to root.
            conf = "user root;\n" + conf
        conf_path = os.path.join(prefix, "nginx.conf")
        with open(conf_path, "w") as f:
            f.write(conf)
        self.processes.append(subprocess.Popen(["nginx", "-p", prefix, "-c", conf_path, "-g", "daemon off;"]))
        wait_for(self.app_url)

    def stop(self):
        if self.stand_in:
            self.stand_in.stop()
        for p in reversed(self.processes):
            p.terminate()
        for p in self.processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)


def start_static_host(stack, port, forwarder_port):
    """dist/ on a plain static server (no settings.json of ours, no proxy) and the static-host
    forwarder behind a local function URL that lets that page through to moto; what to type."""
    import functools
    from http.server import SimpleHTTPRequestHandler

    from function_url import FunctionUrl

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    LocalServer().serve(functools.partial(Quiet, directory=stack.dist), port)
    origin = f"http://127.0.0.1:{port}"
    forwarder = FunctionUrl({"ALLOWED_ORIGINS": origin, "FORWARD_HOSTS": f"http://127.0.0.1:{stack.moto_port}"},
                            port=forwarder_port)
    return f"""
The same app on a plain static host, with no proxy: {origin}/
Its Submit section says it needs a forwarder. The local one (deploy/static-host/forwarder.py
behind a stand-in for a Lambda function URL) lets that page through to moto; in Submit, set
  Endpoint:  {stack.moto_url}
  Send via:  {forwarder.url}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--moto-port", type=int, default=5000)
    ap.add_argument("--static-host", action="store_true",
                    help="also serve dist/ as a static host would (port + 1), with the static-host forwarder "
                         "behind a local function URL (port + 2) in front of moto")
    ap.add_argument("--instant-jobs", action="store_true",
                    help="send SageMaker's calls to moto, whose jobs complete at once, rather than to the job "
                         "stand-in, whose jobs run for a few minutes and write a log and metrics")
    args = ap.parse_args()
    stack = LocalStack(port=args.port, moto_port=args.moto_port, live_jobs=not args.instant_jobs)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.start()
        static_host = start_static_host(stack, args.port + 1, args.port + 2) if args.static_host else ""
        examples = {}
        for name, body in [("mistakes", stack.account_mistakes()), ("clean", stack.account_request())]:
            examples[name] = os.path.join(stack.workdir, f"account-{name}.json")
            with open(examples[name], "w") as f:
                json.dump(body, f, indent=2)
        print(f"""
Training Job Studio is running: {stack.app_url}

Local SageMaker-compatible endpoint (signatures checked): {stack.sagemaker_url}
{"(a job stand-in: a submitted job runs for a few minutes, writing its log and metrics into moto)" if stack.stand_in else "(moto: a submitted job completes at once)"}
Logs and metrics (moto, signatures checked): {stack.moto_url}
The app is already set to sign for them and send through the proxy path aws/.
Paste these into the Submit section:
  Access key id:      {stack.access_key_id}
  Secret access key:  {stack.secret_access_key}
A role ARN you can use for the job: {stack.role_arn}

The account checks (Check account in Submit; tjs validate --account) read a seeded account.
Import one of these requests (the Import box takes a file) and press Check account:
  every finding:      {examples["mistakes"]}
  nothing to find:    {examples["clean"]}
or from a terminal:
  AWS_ACCESS_KEY_ID={stack.access_key_id} AWS_SECRET_ACCESS_KEY={stack.secret_access_key} \\
    target/release/tjs validate {examples["mistakes"]} --account --region {REGION} --endpoint-url {stack.moto_url}
{static_host}
Press Ctrl-C to stop.""", flush=True)
        while all(p.poll() is None for p in stack.processes):
            time.sleep(1)
        print("a process of the stack stopped; see", stack.workdir, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
