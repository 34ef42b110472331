"""The static-host forwarder (deploy/static-host/forwarder.py) behind a local function URL
(scripts/function_url.py), in front of moto with signature checking on; the CloudFormation
template that deploys it; and the nginx recipe's rule that names its target the same way.

Requests are signed here with botocore's own signer, for moto's host, exactly as the page signs
them, then sent to the forwarder with that host in front of the path."""
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
import yaml
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from function_url import FORWARDER, FunctionUrl, load_forwarder  # noqa: E402
from local_stack import REGION, LocalStack, free_port  # noqa: E402

ORIGIN = "https://studio.example.github.io"
TEMPLATE = os.path.join(ROOT, "deploy", "static-host", "template.yaml")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = LocalStack(dist=str(tmp_path_factory.mktemp("dist"))).start()
    yield s
    s.stop()


@pytest.fixture
def forwarder(stack):
    f = FunctionUrl({"ALLOWED_ORIGINS": f"http://localhost:1,{ORIGIN}",
                     "FORWARD_HOSTS": f"amazonaws.com,http://127.0.0.1:{stack.moto_port}",
                     "UPSTREAM_TIMEOUT_SECONDS": "2"})
    yield f
    f.stop()


def signed(url, target, body, stack, secret=None):
    """The headers the page sends for `body` to `target`, signed for `url`."""
    request = AWSRequest(method="POST", url=url, data=body.encode(), headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})
    credentials = Credentials(stack.access_key_id, secret or stack.secret_access_key)
    SigV4Auth(credentials, "sagemaker", REGION).add_auth(request)
    return dict(request.headers.items())


def send(url, body=b"", headers=None, method="POST"):
    """Status, headers and body of one call; an error answer too."""
    request = urllib.request.Request(url, data=body if method == "POST" else None, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def via(forwarder, stack):
    return f"{forwarder.url}127.0.0.1:{stack.moto_port}/"


def test_a_signed_call_goes_through_unchanged_and_comes_back_with_cors(stack, forwarder, capsys):
    body = json.dumps({"MaxResults": 5})
    headers = signed(stack.moto_url, "SageMaker.ListTrainingJobs", body, stack)
    status, answer_headers, answer = send(via(forwarder, stack), body.encode(), dict(headers, Origin=ORIGIN))
    assert status == 200, answer
    assert "TrainingJobSummaries" in json.loads(answer)
    assert answer_headers["access-control-allow-origin"] == ORIGIN
    assert "Origin" in answer_headers["vary"]
    # It logs the host and the status, never a header or a body.
    logged = capsys.readouterr().out
    assert f"127.0.0.1:{stack.moto_port}" in logged and '"status": 200' in logged
    assert headers["Authorization"] not in logged and "MaxResults" not in logged


def test_a_body_changed_on_the_way_is_refused_by_the_service_not_resigned(stack, forwarder):
    headers = signed(stack.moto_url, "SageMaker.ListTrainingJobs", '{"MaxResults": 5}', stack)
    status, _, answer = send(via(forwarder, stack), b'{"MaxResults": 6}', dict(headers, Origin=ORIGIN))
    assert status == 403 and b"signature" in answer.lower()


def test_the_preflight_is_answered_for_allowed_origins_only(forwarder, stack):
    asked = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization,content-type,x-amz-date,x-amz-target"}
    status, headers, _ = send(via(forwarder, stack), method="OPTIONS", headers=asked)
    assert status == 204
    assert headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in headers["access-control-allow-methods"]
    assert headers["access-control-allow-headers"] == asked["Access-Control-Request-Headers"]
    status, headers, answer = send(via(forwarder, stack), method="OPTIONS",
                                   headers=dict(asked, Origin="https://evil.example"))
    assert status == 403 and "access-control-allow-origin" not in headers
    assert b"https://evil.example" in answer and b"AllowedOrigins" in answer


def test_a_call_from_a_page_of_another_origin_is_refused_before_it_is_sent(stack, forwarder):
    headers = signed(stack.moto_url, "SageMaker.ListTrainingJobs", "{}", stack)
    status, _, answer = send(via(forwarder, stack), b"{}", dict(headers, Origin="https://evil.example"))
    assert status == 403 and json.loads(answer)["__type"] == "ForwarderRefused"
    assert forwarder.events[-1][2] == 403


@pytest.mark.parametrize("host", ["example.com", "amazonaws.com.evil.example", "evilamazonaws.com",
                                  "127.0.0.1:22", "169.254.169.254"])
def test_hosts_outside_the_list_are_refused(stack, forwarder, host):
    headers = signed(f"https://{host}/", "SageMaker.ListTrainingJobs", "{}", stack)
    status, _, answer = send(f"{forwarder.url}{host}/", b"{}", dict(headers, Origin=ORIGIN))
    assert status == 403, answer
    assert b"only to AWS endpoints" in answer


def test_the_target_is_named_by_the_path_and_reached_over_https():
    forwarder = load_forwarder()
    hosts = ["amazonaws.com", "amazonaws.com.cn"]
    assert forwarder.target_of("/api.sagemaker.eu-west-1.amazonaws.com/", hosts) == \
        "https://api.sagemaker.eu-west-1.amazonaws.com/"
    assert forwarder.target_of("/S3.cn-north-1.AmazonAWS.com.cn/b/k%20ey", hosts) == \
        "https://s3.cn-north-1.amazonaws.com.cn/b/k%20ey"
    # A port is never taken for an AWS host, and an exact local entry needs its port.
    for path, status in [("/", 400), ("//", 400), ("/api.sagemaker.us-east-1.amazonaws.com:8443/", 403),
                         ("/a b/", 400), ("/user@amazonaws.com/", 400)]:
        with pytest.raises(forwarder.Refused) as refused:
            forwarder.target_of(path, hosts)
        assert refused.value.status == status, path
    assert forwarder.target_of("/127.0.0.1:5000/", ["http://127.0.0.1:5000"]) == "http://127.0.0.1:5000/"


def test_unsigned_requests_are_not_carried(stack, forwarder):
    status, _, answer = send(via(forwarder, stack), b"{}", {"Origin": ORIGIN, "Content-Type": "application/x-amz-json-1.1",
                                                            "X-Amz-Target": "SageMaker.ListTrainingJobs"})
    assert status == 403 and b"not signed" in answer
    headers = signed(stack.moto_url, "SageMaker.ListTrainingJobs", "{}", stack)
    headers["Authorization"] = headers["Authorization"].replace("SignedHeaders=", "SignedHeaders=x-amz-date;")
    headers["Authorization"] = headers["Authorization"].replace(";host;", ";").replace("=host;", "=")
    status, _, answer = send(via(forwarder, stack), b"{}", dict(headers, Origin=ORIGIN))
    assert status == 403 and b"does not cover its host" in answer


def test_bodies_over_the_api_limit_are_refused(stack, forwarder):
    big = b'{"x": "' + b"a" * (1024 * 1024) + b'"}'
    headers = signed(stack.moto_url, "SageMaker.ListTrainingJobs", big.decode(), stack)
    status, _, answer = send(via(forwarder, stack), big, dict(headers, Origin=ORIGIN))
    assert status == 413 and b"carries at most 1048576" in answer
    # Over the function URL's own limit, the service refuses it before the handler runs.
    status, _, answer = send(via(forwarder, stack), b"a" * (6 * 1024 * 1024 + 1), dict(headers, Origin=ORIGIN))
    assert status == 413 and b"6291456" in answer


def test_an_endpoint_that_is_down_or_hangs_is_said_so(stack):
    down, hanging = free_port(), socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen()  # accepts and never answers
    port = hanging.getsockname()[1]
    forwarder = FunctionUrl({"ALLOWED_ORIGINS": ORIGIN, "UPSTREAM_TIMEOUT_SECONDS": "1",
                             "FORWARD_HOSTS": f"http://127.0.0.1:{down},http://127.0.0.1:{port}"})
    try:
        headers = signed(f"http://127.0.0.1:{down}/", "SageMaker.ListTrainingJobs", "{}", stack)
        status, _, answer = send(f"{forwarder.url}127.0.0.1:{down}/", b"{}", dict(headers, Origin=ORIGIN))
        assert status == 502 and b"could not be reached" in answer
        headers = signed(f"http://127.0.0.1:{port}/", "SageMaker.ListTrainingJobs", "{}", stack)
        status, headers, answer = send(f"{forwarder.url}127.0.0.1:{port}/", b"{}", dict(headers, Origin=ORIGIN))
        assert status == 504 and b"within 1 seconds" in answer
        assert headers["access-control-allow-origin"] == ORIGIN  # the page can read why
    finally:
        forwarder.stop()
        hanging.close()


def test_the_template_carries_the_forwarder_and_passes_cfn_lint():
    class Loader(yaml.SafeLoader):
        """Reads CloudFormation's short tags (!Ref, !Sub, ...) as plain values."""

    Loader.add_multi_constructor("!", lambda loader, tag, node: loader.construct_scalar(node)
                                 if isinstance(node, yaml.ScalarNode) else None)
    with open(TEMPLATE) as f:
        template = yaml.load(f, Loader=Loader)
    resources = template["Resources"]
    with open(FORWARDER) as f:
        assert resources["Forwarder"]["Properties"]["Code"]["ZipFile"] == f.read(), \
            "the template's code is not forwarder.py: run python3 tools/gen_forwarder_template.py"
    url = next(r for r in resources.values() if r["Type"] == "AWS::Lambda::Url")
    assert url["Properties"]["AuthType"] == "NONE" and "Cors" not in url["Properties"]
    linted = subprocess.run([os.path.join(os.path.dirname(sys.executable), "cfn-lint"), TEMPLATE],
                                          capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_the_nginx_rule_forwards_to_aws_hosts_only(stack):
    headers = signed(stack.moto_url, "SageMaker.ListTrainingJobs", "{}", stack)
    status, _, answer = send(f"{stack.app_url}aws/127.0.0.1:{stack.moto_port}/", b"{}", headers)
    assert status == 200, answer
    for host in ["example.com", "amazonaws.com.evil.example", f"127.0.0.1:{stack.moto_port + 1}"]:
        status, _, answer = send(f"{stack.app_url}aws/{host}/", b"{}", headers)
        assert status == 403 and b"only to AWS endpoints" in answer, host
