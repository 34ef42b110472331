"""Runs a script exported for the SageMaker Python SDK v2, unchanged, and prints as JSON what the
SDK made of it; nothing leaves the process.

    python sdk_harness.py call SCRIPT       # the CreateTrainingJob body the SDK sends
    python sdk_harness.py pipeline SCRIPT STEP
                                            # the definition of a pipeline with the script's fit
                                            # as one TrainingStep, built by the SDK's PipelineSession

How: every botocore session gets a `before-call` handler before the script runs (botocore clients
copy their session's handlers when created, so the SDK's own client has it). For
CreateTrainingJob it keeps the JSON body and answers in the service's place; any other AWS call,
and any plain HTTP request (the SDK's telemetry), is refused and fails the run. The SDK's
telemetry is off by its own configuration file, and the user's and the machine's SDK defaults are
not read. For `pipeline`, `sagemaker.Session` is the SDK's PipelineSession, under which `fit`
returns the step's arguments instead of calling; the script stops there."""
import contextlib
import json
import os
import runpy
import sys
import tempfile

WORK = tempfile.mkdtemp(prefix="tjs-sdk-")
CONFIG = os.path.join(WORK, "config.yaml")
with open(CONFIG, "w") as f:
    f.write('SchemaVersion: "1.0"\nSageMaker:\n  PythonSDK:\n    Modules:\n      TelemetryOptOut: true\n')
for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "MLFLOW_TRACKING_URI"):
    os.environ.pop(name, None)
os.environ.update(
    SAGEMAKER_USER_CONFIG_OVERRIDE=CONFIG, SAGEMAKER_ADMIN_CONFIG_OVERRIDE=CONFIG,
    SAGEMAKER_SUPPRESS_V2_WARNING="1", AWS_EC2_METADATA_DISABLED="true",
    AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_DEFAULT_REGION="us-east-1")

import logging  # noqa: E402

logging.disable(logging.WARNING)

import botocore.session  # noqa: E402
import requests  # noqa: E402

BODIES, REFUSED = [], []


class Answered:
    """What botocore reads of an HTTP response that a handler gave in the service's place."""
    status_code = 200
    headers = {}
    content = b""


def before_call(model, params, event_name=None, **kwargs):
    if event_name == "before-call.sagemaker.CreateTrainingJob":
        BODIES.append(json.loads(params["body"]))
        return Answered(), {"TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/x"}
    REFUSED.append(event_name)
    raise RuntimeError(f"the script made another AWS call: {event_name}")


def refuse_http(self, method, url, *args, **kwargs):
    REFUSED.append(f"{method} {url}")
    raise RuntimeError(f"the script made an HTTP request: {method} {url}")


original_init = botocore.session.Session.__init__


def init_with_handler(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    self.register("before-call", before_call)


botocore.session.Session.__init__ = init_with_handler
requests.Session.request = refuse_http


class FitReturned(Exception):
    pass


def main():
    mode, script = sys.argv[1], os.path.abspath(sys.argv[2])
    os.chdir(WORK)
    if mode == "call":
        # What the script prints is not the answer.
        with contextlib.redirect_stdout(sys.stderr):
            runpy.run_path(script, run_name="__main__")
        assert not REFUSED, REFUSED
        (body,) = BODIES
        print(json.dumps(body))
        return
    import sagemaker
    from sagemaker.estimator import Estimator
    from sagemaker.workflow.pipeline import Pipeline
    from sagemaker.workflow.pipeline_context import PipelineSession
    from sagemaker.workflow.steps import TrainingStep

    sessions, step_args = [], []
    sagemaker.Session = lambda boto_session=None, **kwargs: sessions.append(
        PipelineSession(boto_session=boto_session)) or sessions[-1]
    original_fit = Estimator.fit

    def fit(self, *args, **kwargs):
        step_args.append(original_fit(self, *args, **kwargs))
        raise FitReturned()

    Estimator.fit = fit
    try:
        with contextlib.redirect_stdout(sys.stderr):
            runpy.run_path(script, run_name="__main__")
    except FitReturned:
        pass
    step = TrainingStep(name=sys.argv[3], step_args=step_args[0])
    pipeline = Pipeline(name="exported", steps=[step], sagemaker_session=sessions[0])
    assert not REFUSED and not BODIES, (REFUSED, BODIES)
    print(pipeline.definition())


if __name__ == "__main__":
    main()
