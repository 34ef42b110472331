"""The `pipeline` export: the same definition that the SageMaker Python SDK's own PipelineSession
builds from the `sdk` export's fit as a TrainingStep (sdk_harness.py), for a sample of requests,
up to what the SDK adds to every job by itself (the `sdk` export's notes say what)."""
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, differences, export, export_notes, named_in, request_id

HARNESS = os.path.join(os.path.dirname(__file__), "sdk_harness.py")
SAMPLE = [os.path.join(ROOT, "templates", "xgboost-csv.json"),
          os.path.join(ROOT, "tests", "fixtures", "exports", "awkward-strings.json"),
          os.path.join(ROOT, "tests", "fixtures", "exports", "many-members.json")]


@pytest.mark.parametrize("path", SAMPLE, ids=request_id)
def test_the_sdk_builds_the_same_definition(path, tmp_path):
    ours_text, ours_notes = export("pipeline", path)
    ours = json.loads(ours_text)
    script_text, sdk_notes = export("sdk", path)
    script = tmp_path / "job.py"
    script.write_text(script_text, encoding="utf-8")
    step_name = ours["Steps"][0]["Name"]
    done = subprocess.run([sys.executable, HARNESS, "pipeline", str(script), step_name],
                          capture_output=True, text=True, check=True)
    theirs = json.loads(done.stdout)
    ours_arguments = ours["Steps"][0].pop("Arguments")
    theirs_arguments = theirs["Steps"][0].pop("Arguments")
    assert ours == theirs
    unexplained = [p for p in differences(ours_arguments, theirs_arguments) if not named_in(p, export_notes(sdk_notes))]
    assert unexplained == [], f"{unexplained}\n{sdk_notes}"
    assert "TrainingJobName" not in ours_arguments
    assert any("TrainingJobName" in n for n in ours_notes)
