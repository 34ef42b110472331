"""The `sdk` export, run with the pinned SageMaker Python SDK v2 (sdk_harness.py): the
CreateTrainingJob body the SDK sends equals the request, up to what the export's notes name (what
the SDK adds by itself, what it cannot carry)."""
import json
import os
import subprocess
import sys

import pytest

from conftest import EVERY_MEMBER, VALID_REQUESTS, differences, export, export_notes, load, named_in, request_id

HARNESS = os.path.join(os.path.dirname(__file__), "sdk_harness.py")


def sent_by_the_sdk(script_text, tmp_path):
    """The body the SDK sends, or None if the script stopped with an error."""
    script = tmp_path / "job.py"
    script.write_text(script_text, encoding="utf-8")
    done = subprocess.run([sys.executable, HARNESS, "call", str(script)], capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 else None


def check(path, tmp_path):
    text, notes = export("sdk", path)
    notes = export_notes(notes)
    sent = sent_by_the_sdk(text, tmp_path)
    if sent is None:
        # Only a request the SDK cannot send at all may fail, and the note says why.
        assert any(n.startswith("The SDK's Estimator needs") and "boto3" in n for n in notes), notes
        return None, notes
    unexplained = [p for p in differences(load(path), sent) if not named_in(p, notes)]
    assert unexplained == [], f"the SDK sent these differently and no note says so: {unexplained}\n{notes}"
    return sent, notes


@pytest.mark.parametrize("path", VALID_REQUESTS, ids=request_id)
def test_the_sdk_sends_the_request(path, tmp_path):
    sent, notes = check(path, tmp_path)
    request = load(path)
    if "ServerlessJobConfig" not in request:
        assert sent is not None
        # Everything the SDK can carry arrives; what it adds is said.
        assert not any(n.startswith("The SDK has no argument") for n in notes), notes
        assert sent["ProfilerConfig"] == request.get("ProfilerConfig", {"DisableProfiler": True})
    else:
        assert any("ServerlessJobConfig" in n and "boto3" in n for n in notes), notes


def test_every_member_is_carried_or_named(tmp_path):
    # Its sample values are not all valid (a role name, not an ARN, makes the SDK look it up), so
    # the script is only read here; the valid requests above are the ones run.
    text, notes = export("sdk", EVERY_MEMBER)
    compile(text, "job.py", "exec")
    (not_carried,) = [n for n in notes if n.startswith("The SDK has no argument for")]
    for member in ["AlgorithmSpecification.AlgorithmName", "StoppingCondition.MaxPendingTimeInSeconds",
                   "ServerlessJobConfig", "MlflowConfig", "ModelPackageConfig", "InputDataConfig[0].DataSource.DatasetSource"]:
        assert member in not_carried
