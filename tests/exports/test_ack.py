"""The `ack` export: a TrainingJob manifest that the ACK SageMaker controller's own CRD schema
(tests/fixtures/ack, with unknown fields refused) accepts, read by PyYAML, and that carries every
member of the request the CRD has a field for, with the same values. Members it has no field for
are named in the export's note."""
import copy
import os

import jsonschema
import pytest
import yaml

from conftest import EVERY_MEMBER, ROOT, VALID_REQUESTS, export, load, request_id

CRD = os.path.join(ROOT, "tests", "fixtures", "ack", "sagemaker.services.k8s.aws_trainingjobs.yaml")


def refusing_unknown_fields(schema):
    """The schema with `additionalProperties: false` on every object that lists its properties
    (a cluster with strict field validation refuses them; without it, it drops them silently)."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for child in list(node.get("properties", {}).values()) + [node.get("items"), node.get("additionalProperties")]:
                walk(child)

    walk(schema)
    return schema


@pytest.fixture(scope="module")
def crd_schema():
    with open(CRD, encoding="utf-8") as f:
        crd = yaml.safe_load(f)
    (version,) = [v for v in crd["spec"]["versions"] if v["name"] == "v1alpha1"]
    return refusing_unknown_fields(version["schema"]["openAPIV3Schema"])


def expected_spec(value, node, path, left_out):
    """The request as the CRD names it, found in the CRD itself: each member becomes the property
    whose name is the member's without regard to case; maps keep their keys."""
    if isinstance(value, list):
        return [expected_spec(v, node["items"], path, left_out) for v in value]
    if not isinstance(value, dict):
        return value
    if "properties" not in node:
        return value  # a map: its keys are the user's
    out = {}
    for key, child in value.items():
        at = f"{path}.{key}" if path else key
        field = next((f for f in node["properties"] if f.lower() == key.lower()), None)
        if field is None:
            left_out.append(at)
            continue
        out[field] = expected_spec(child, node["properties"][field], at, left_out)
    return out


def check(path, crd_schema):
    text, notes = export("ack", path)
    manifest = yaml.safe_load(text)
    assert manifest["apiVersion"] == "sagemaker.services.k8s.aws/v1alpha1" and manifest["kind"] == "TrainingJob"
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in
              jsonschema.Draft202012Validator(crd_schema).iter_errors(manifest)]
    left_out = []
    spec = expected_spec(load(path), crd_schema["properties"]["spec"], "", left_out)
    assert manifest["spec"] == spec
    for member in left_out:
        assert any(member in note for note in notes), f"{member} was left out without a note: {notes}"
    return errors, left_out, notes


@pytest.mark.parametrize("path", VALID_REQUESTS, ids=request_id)
def test_every_valid_request_is_a_manifest_the_crd_accepts(path, crd_schema):
    errors, _, notes = check(path, crd_schema)
    body = load(path)
    if {"AlgorithmSpecification", "ResourceConfig", "StoppingCondition"} <= body.keys():
        assert errors == []
    else:
        # The controller requires these three where the API does not (a serverless job has none):
        # the note says so, and that is the only thing the schema may refuse.
        assert all("is a required property" in e for e in errors), errors
        assert any("The controller requires spec." in note for note in notes), notes


def test_every_member_is_carried_or_named(crd_schema):
    errors, left_out, _ = check(EVERY_MEMBER, crd_schema)
    assert errors == []
    # What the controller's generator leaves out of v1.9.1, among others.
    assert "AlgorithmSpecification.ContainerEntrypoint" in left_out
    assert "AlgorithmSpecification.TrainingImageConfig" in left_out
    assert "RoleArn" not in left_out
