"""`tjs schema`: a JSON Schema validator (jsonschema, draft 2020-12) takes every template and valid
fixture, and refuses a broken variant of each kind of constraint."""
import copy
import json
import re
import shutil
import subprocess

import jsonschema
import pytest

from conftest import TJS, VALID_REQUESTS, load, request_id


@pytest.fixture(scope="module")
def schema():
    schema = json.loads(subprocess.run([TJS, "schema"], capture_output=True, check=True).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", VALID_REQUESTS, ids=request_id)
def test_every_valid_request_passes(validator, path):
    assert [e.message for e in validator.iter_errors(load(path))] == []


def broken(change):
    body = load(VALID_REQUESTS[-1])
    change(body)
    return body


BROKEN = {
    "type": lambda b: b["ResourceConfig"].update(InstanceCount="1"),
    "required": lambda b: b.pop("RoleArn"),
    "required-nested": lambda b: b["InputDataConfig"][0].pop("ChannelName"),
    "enum": lambda b: b["ResourceConfig"].update(InstanceType="ml.nope.xlarge"),
    "max-length": lambda b: b.update(TrainingJobName="a" * 64),
    "min-length": lambda b: b["AlgorithmSpecification"]["MetricDefinitions"][0].update(Name=""),
    "minimum": lambda b: b["StoppingCondition"].update(MaxRuntimeInSeconds=0),
    "maximum": lambda b: b["ResourceConfig"].update(KeepAlivePeriodInSeconds=21601),
    "max-items": lambda b: b.update(InputDataConfig=b["InputDataConfig"] * 21),
    "max-entries": lambda b: b.update(HyperParameters={f"k{i}": "v" for i in range(101)}),
    "map-value-type": lambda b: b["HyperParameters"].update(epochs=3),
    "map-key-pattern": lambda b: b["Environment"].update({"1BAD": "x"}),
    "pattern": lambda b: b.update(TrainingJobName="my_job"),
    "unknown-member": lambda b: b.update(TrainingJobNmae="x"),
    "unknown-nested-member": lambda b: b["ResourceConfig"].update(InstanceTyp="ml.m5.xlarge"),
    "boolean": lambda b: b.update(EnableNetworkIsolation="true"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_each_kind_of_constraint_refuses_a_broken_request(validator, kind):
    assert list(validator.iter_errors(broken(BROKEN[kind]))), f"the {kind} variant passed"


def patterns(node):
    if isinstance(node, dict):
        if "pattern" in node:
            yield node["pattern"]
        for value in node.values():
            yield from patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from patterns(value)


def test_patterns_are_anchored_and_read_by_python_and_ecmascript(schema):
    found = sorted(set(patterns(schema)))
    assert found, "the schema has no patterns at all"
    for pattern in found:
        assert pattern.startswith("^(?:") and pattern.endswith(")$"), pattern
        re.compile(pattern)
    node = shutil.which("node")
    if node:
        script = "for (const p of JSON.parse(require('fs').readFileSync(0, 'utf8'))) new RegExp(p, 'u');"
        subprocess.run([node, "-e", script], input=json.dumps(found), text=True, check=True)


def test_descriptions_and_limits_come_with_it(schema):
    name = schema["properties"]["TrainingJobName"]
    assert name["maxLength"] == 63 and name["description"]
    assert schema["required"] == ["TrainingJobName", "RoleArn", "OutputDataConfig"]
    assert "ml.m5.xlarge" in schema["properties"]["ResourceConfig"]["properties"]["InstanceType"]["enum"]
