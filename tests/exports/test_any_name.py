"""A request with errors still exports: a job name no tool would take (quotes, `${`, `{{`, line
breaks, non-ASCII) still comes out as a Python, JSON, YAML and HCL file that its reader parses,
with the name's value carried where the format carries the name."""
import ast
import json
import shlex

import hcl2
import pytest
import yaml
from hcl2.utils import SerializationOptions

from conftest import export

NAME = "job \"${x}\" {{ y }} %{z}\n'é' \\ `"
KINDS = ["cli", "cli-file", "boto3", "sdk", "pipeline", "sfn", "sfn-execution", "airflow", "ack", "terraform"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_name_with_every_awkward_character_still_exports(kind, tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps({"TrainingJobName": NAME, "HyperParameters": {NAME: NAME}}), encoding="utf-8")
    text, notes = export(kind, str(path))
    assert any(n.startswith("the request has ") for n in notes), notes
    if kind in ("boto3", "sdk", "airflow"):
        ast.parse(text)
    elif kind in ("pipeline", "sfn", "sfn-execution"):
        document = json.loads(text)
        arguments = document["Steps"][0]["Arguments"] if kind == "pipeline" else document["Parameters"]
        assert arguments["HyperParameters"] == {NAME: NAME}
    elif kind == "ack":
        manifest = yaml.safe_load(text)
        assert manifest["spec"]["trainingJobName"] == NAME
        assert manifest["spec"]["hyperParameters"] == {NAME: NAME}
    elif kind == "terraform":
        hcl2.loads(text, serialization_options=SerializationOptions(strip_string_quotes=True))
    elif kind == "cli":
        words = shlex.split(text)
        assert words[:3] == ["aws", "sagemaker", "create-training-job"]
        assert json.loads(words[-1])["HyperParameters"] == {NAME: NAME}
    else:
        assert shlex.split(text)[-1].startswith("file://")
