"""A stand-in for what moto cannot play in SageMaker's training-job operations (behaviour §11):

- StopTrainingJob, which moto does not have;
- a job that moves through its statuses (InProgress with its secondary statuses, then Completed,
  Failed with a FailureReason, or Stopping and Stopped), where moto reports every job Completed
  at once;
- throttling (ThrottlingException), which moto never answers.

Given a `writer` (job_writer.JobWriter), its jobs write their log and metrics into moto as they
move on. It also serves CreateTrainingJob, DescribeTrainingJob and ListTrainingJobs (newest first, name and
status filters, MaxResults and NextToken) for the jobs it holds, so that one endpoint can play a
whole job's life. Like the service, it checks every request's SigV4 signature, with botocore's own
signer (`botocore.auth.SigV4Auth`, given the request's own time and signed headers) against the
keys it was given, and answers in SageMaker's JSON 1.1 with `__type` errors. It allows CORS, so
that direct mode can reach it too.

    stand_in = JobStandIn({access_key_id: secret_access_key})
    stand_in.script("my-job", [("InProgress", "Starting"), ("Failed", "Failed", "ClientError: ...")])
    ... the app (or boto3) calls stand_in.url ...
    stand_in.stop()

Each DescribeTrainingJob of a scripted job moves it one step on (a test need not wait for a clock).
scripts/start.sh puts one with a writer in front of moto, so that a job submitted there runs for a
while and shows a log and charts that grow (local_stack.py, `live_jobs`).
"""
import json
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from local_stack import ACCOUNT, LocalServer

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST",
    "Access-Control-Allow-Headers": "authorization, content-type, x-amz-date, x-amz-target, x-amz-security-token",
    "Access-Control-Max-Age": "600",
}

# What a job does when nobody scripted it: starts, trains and completes.
DEFAULT_SCRIPT = [("InProgress", "Starting"), ("InProgress", "Training"), ("Completed", "Completed")]

STATUS_MESSAGES = {
    "Starting": "Preparing the instances for training",
    "Downloading": "Downloading input data",
    "Training": "Training image download completed. Training in progress.",
    "Uploading": "Uploading generated training model",
    "Completed": "Training job completed",
    "Failed": "Training job failed",
    "Stopping": "Stopping the training job",
    "Stopped": "The training job was stopped",
}


class ServiceError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def check_signature(method, path, headers, body, keys):
    """Raises ServiceError unless `headers` carry a SigV4 signature, by one of `keys`
    ({access key id: secret}), that botocore's signer gives for this very request."""
    authorization = headers.get("Authorization", "")
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        raise ServiceError(403, "MissingAuthenticationToken", "Missing Authentication Token")
    parts = dict(part.strip().split("=", 1) for part in authorization[len("AWS4-HMAC-SHA256 "):].split(","))
    key_id, date, region, service, _ = parts["Credential"].split("/")
    if key_id not in keys:
        raise ServiceError(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
    signed = parts["SignedHeaders"].split(";")
    request = AWSRequest(method=method, url=f"http://{headers.get('Host')}{path}", data=body,
                         headers={name: headers.get(name, "") for name in signed})
    request.context["timestamp"] = headers.get("X-Amz-Date", "")
    signer = SigV4Auth(Credentials(key_id, keys[key_id], headers.get("X-Amz-Security-Token")), service, region)
    expected = signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)
    if expected != parts["Signature"] or not request.context["timestamp"].startswith(date):
        raise ServiceError(403, "SignatureDoesNotMatch",
                           "The request signature we calculated does not match the signature you provided. "
                           "Check your AWS Secret Access Key and signing method.")


class JobStandIn(LocalServer):
    def __init__(self, keys, region="us-east-1", writer=None):
        self.keys, self.region = dict(keys), region
        self.writer = writer  # a job_writer.JobWriter, which writes each job's log and metrics as it runs
        self.jobs = {}  # name -> job record
        self.default_script = DEFAULT_SCRIPT  # the steps of a job nobody scripted
        self.scripts = {}  # name -> the steps a job will take, set before it is created
        self.throttled, self.throttled_operation = 0, None  # how many of the next calls are throttled, of what
        self.calls = []  # the operations called, in order, signatures checked
        self.ignores_sort_order = False  # list oldest first whatever the caller asks, as some endpoints do
        self.garbled = 0  # how many of the next calls get an HTML page with status 200
        self.held = {}  # operation -> an event its calls wait for before they are answered
        self.waiting = 0  # how many calls are held now
        self.lock = threading.Lock()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, document):
                body = json.dumps(document).encode()
                self.send_response(status)
                for k, v in CORS_HEADERS.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_OPTIONS(self):
                self.send_response(204)
                for k, v in CORS_HEADERS.items():
                    self.send_header(k, v)
                self.end_headers()

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if stand_in.garbled:
                    stand_in.garbled -= 1
                    garbage = b"<html><body>Bad gateway page with status 200</body></html>"
                    self.send_response(200)
                    for k, v in CORS_HEADERS.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(garbage)))
                    self.end_headers()
                    self.wfile.write(garbage)
                    return
                try:
                    check_signature("POST", self.path, self.headers, body, stand_in.keys)
                    operation = self.headers.get("X-Amz-Target", "").removeprefix("SageMaker.")
                    held = stand_in.held.get(operation)
                    if held:
                        with stand_in.lock:
                            stand_in.waiting += 1
                        held.wait(20)
                        with stand_in.lock:
                            stand_in.waiting -= 1
                    self.answer(200, stand_in.call(operation, json.loads(body or b"{}")))
                except ServiceError as e:
                    self.answer(e.status, {"__type": e.code, "message": e.message})
                except (ValueError, KeyError) as e:
                    self.answer(400, {"__type": "SerializationException", "message": str(e)})

        self.serve(Handler)

    def script(self, name, steps):
        """The statuses job `name` will go through, one per DescribeTrainingJob: (status,
        secondary status) or (status, secondary status, failure reason)."""
        with self.lock:
            self.scripts[name] = list(steps)
            if name in self.jobs:
                self.jobs[name]["steps"] = list(steps)

    def hold(self, operation):
        """Keeps calls of `operation` waiting, unanswered, until release()."""
        self.held[operation] = threading.Event()

    def release(self):
        """Answers the held calls and holds no more."""
        held, self.held = self.held, {}
        for event in held.values():
            event.set()

    def throttle(self, calls=1, operation=None):
        """Answers the next `calls` calls (of `operation` only, if given) with a ThrottlingException."""
        with self.lock:
            self.throttled, self.throttled_operation = self.throttled + calls, operation

    def garble(self, calls=1):
        """Answers the next `calls` calls with an HTML page and status 200, as a misconfigured
        proxy might."""
        with self.lock:
            self.garbled += calls

    def add_jobs(self, count, prefix="listed", status="Completed"):
        """Puts `count` finished jobs in the list at once, one second apart."""
        with self.lock:
            for i in range(count):
                name = f"{prefix}-{i:04d}"
                job = self.new_job({"TrainingJobName": name}, [(status, status)])
                job.update(created=1_795_000_000 + i, status=status, secondary=status)
                self.jobs[name] = job

    def new_job(self, request, steps):
        return {"request": request, "steps": steps, "step": -1, "transitions": [], "created": datetime.now(timezone.utc).timestamp(),
                "status": "InProgress", "secondary": "Starting", "failure": None}

    def call(self, operation, params):
        with self.lock:
            self.calls.append(operation)
            if self.throttled and self.throttled_operation in (None, operation):
                self.throttled -= 1
                raise ServiceError(400, "ThrottlingException", "Rate exceeded")
            handler = {
                "CreateTrainingJob": self.create,
                "DescribeTrainingJob": self.describe,
                "StopTrainingJob": self.stop_job,
                "ListTrainingJobs": self.list,
            }.get(operation)
            if handler is None:
                raise ServiceError(400, "UnknownOperationException", f"The stand-in does not serve {operation}.")
            return handler(params)

    def job(self, params):
        name = params.get("TrainingJobName", "")
        if name not in self.jobs:
            raise ServiceError(400, "ValidationException", "Requested resource not found.")
        return name, self.jobs[name]

    def arn(self, name):
        return f"arn:aws:sagemaker:{self.region}:{ACCOUNT}:training-job/{name}"

    def create(self, params):
        name = params["TrainingJobName"]
        if name in self.jobs:
            raise ServiceError(400, "ResourceInUse", f"Training job names must be unique within an AWS account and region, "
                                                     f"and a training job with this name already exists ({self.arn(name)})")
        self.jobs[name] = self.new_job(params, self.scripts.get(name, self.default_script))
        return {"TrainingJobArn": self.arn(name)}

    def advance(self, job):
        if job["step"] + 1 < len(job["steps"]):
            job["step"] += 1
            step = job["steps"][job["step"]]
            now = datetime.now(timezone.utc).timestamp()
            if job["transitions"]:
                job["transitions"][-1]["EndTime"] = now
            if step[1] != job["secondary"] or not job["transitions"]:
                job["transitions"].append({"Status": step[1], "StartTime": now,
                                           "StatusMessage": STATUS_MESSAGES.get(step[1], step[1])})
            # Each step of training writes more epochs; other steps write once, as they begin.
            moved_on = step[1] != job["secondary"] or job["step"] == 0 or step[1] == "Training"
            job["status"], job["secondary"] = step[0], step[1]
            job["failure"] = step[2] if len(step) > 2 else None
            if self.writer and moved_on:
                self.writer.step(job["request"]["TrainingJobName"], job["request"], step[1], job["failure"])

    def describe(self, params):
        name, job = self.job(params)
        self.advance(job)
        final = job["status"] in ("Completed", "Failed", "Stopped")
        answer = dict(job["request"], TrainingJobArn=self.arn(name), TrainingJobStatus=job["status"],
                      SecondaryStatus=job["secondary"], CreationTime=job["created"],
                      LastModifiedTime=datetime.now(timezone.utc).timestamp(),
                      SecondaryStatusTransitions=job["transitions"])
        if job["failure"]:
            answer["FailureReason"] = job["failure"]
        if final:
            answer["TrainingTimeInSeconds"] = answer["BillableTimeInSeconds"] = 60 * (job["step"] + 1)
        if self.writer:
            answer = self.writer.described(name, answer, final)
        if job["status"] == "Completed":
            output = job["request"].get("OutputDataConfig", {}).get("S3OutputPath", "s3://bucket/output/").rstrip("/")
            answer["ModelArtifacts"] = {"S3ModelArtifacts": f"{output}/{name}/output/model.tar.gz"}
        return answer

    def stop_job(self, params):
        name, job = self.job(params)
        if job["status"] != "InProgress":
            raise ServiceError(400, "ValidationException",
                               f"The request was rejected because the training job is in status {job['status']}.")
        job["steps"] = job["steps"][: job["step"] + 1] + [("Stopping", "Stopping"), ("Stopped", "Stopped")]
        return {}

    def list(self, params):
        jobs = [(name, job) for name, job in self.jobs.items()
                if params.get("NameContains", "").lower() in name.lower()
                and params.get("StatusEquals", job["status"]) == job["status"]]
        # An endpoint that ignores SortOrder (`ignores_sort_order`) lists oldest first.
        newest_first = params.get("SortOrder", "Descending") == "Descending" and not self.ignores_sort_order
        jobs.sort(key=lambda item: item[1]["created"], reverse=newest_first)
        size = max(1, min(int(params.get("MaxResults", 10)), 100))
        start = int(params.get("NextToken") or 0)
        page = jobs[start:start + size]
        answer = {"TrainingJobSummaries": [
            {"TrainingJobName": name, "TrainingJobArn": self.arn(name), "CreationTime": job["created"],
             "LastModifiedTime": job["created"], "TrainingJobStatus": job["status"]} for name, job in page]}
        if start + size < len(jobs):
            answer["NextToken"] = str(start + size)
        return answer
