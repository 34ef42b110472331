"""The `terraform` export: HCL that python-hcl2 parses, whose every argument and block name is one
the provider's documentation page gives for aws_sagemaker_training_job (tests/fixtures/terraform,
read by tools/gen_export_names.py), and that carries every member of the request with the same
values. No Terraform binary is available here."""
import os
import sys

import hcl2
import pytest
from hcl2.utils import SerializationOptions

from conftest import EVERY_MEMBER, ROOT, VALID_REQUESTS, export, export_notes, load, request_id, without

sys.path.insert(0, os.path.join(ROOT, "tools"))
import gen_export_names  # noqa: E402

DOC_NAMES, DOC_BLOCKS = gen_export_names.terraform_names(gen_export_names.TF_DOC)


def template_literal(text):
    """HCL's template escapes: `$${` and `%%{` are the literal `${` and `%{` (python-hcl2 resolves
    the backslash escapes and leaves these)."""
    return text.replace("$${", "${").replace("%%{", "%{")


def parsed(text):
    tree = hcl2.loads(text, serialization_options=SerializationOptions(strip_string_quotes=True))
    (resource,) = tree["resource"]
    ((kind, labelled),) = resource.items()
    assert kind == "aws_sagemaker_training_job"
    ((_, body),) = labelled.items()
    return body


def names_used(node, prefix=""):
    """Every argument and block name in a parsed resource body, dotted."""
    for key, value in node.items():
        if key.startswith("__"):
            continue
        yield prefix + key
        blocks = value if isinstance(value, list) and value and all(isinstance(v, dict) and v.get("__is_block__") for v in value) else None
        for block in blocks or []:
            yield from names_used(block, prefix + key + ".")


def snake(name):
    return name.replace("_", "")


def back_to_request(node, like):
    """The parsed resource read back in API names, guided by the request it came from (the names
    are compared without case and underscores, as the provider's are the API's in snake case)."""
    if isinstance(like, list):
        items = node if isinstance(node, list) else [node]
        return [back_to_request(n, l) for n, l in zip(items, like)]
    if not isinstance(like, dict):
        return template_literal(node) if isinstance(node, str) else node
    if isinstance(node, list) and len(node) == 1:
        node = node[0]
    out = {}
    for key, value in node.items():
        if key.startswith("__"):
            continue
        api = next((k for k in like if snake(k).lower() == snake(key)), None)
        if api is None:
            # a map's keys are the user's
            out[template_literal(key)] = back_to_request(value, "")
        else:
            out[api] = back_to_request(value, like[api])
    return out


def check(path):
    text, notes = export("terraform", path, region="us-west-2")
    body = parsed(text)
    assert body.pop("region") == "us-west-2"
    unknown = [n for n in names_used(body) if n not in DOC_NAMES]
    assert unknown == [], f"not in the provider's documentation: {unknown}"
    request = load(path)
    like = dict(request)
    if "Tags" in like:
        like["Tags"] = {t["Key"]: t["Value"] for t in request["Tags"]}
        body["tags"] = back_to_request(body["tags"], {})
    read = back_to_request(body, like)
    if "Tags" in read:
        read["Tags"] = [{"Key": k, "Value": v} for k, v in read["Tags"].items()]
    return request, read, notes


def carried_except_what_the_note_names(path):
    """The request read back equals the request less the members the note names; returns them."""
    request, read, notes = check(path)
    left_out = []
    for note in export_notes(notes):
        left_out += note.split(" has no argument for ")[1].split(":")[0].split(", ")
    for member in left_out:
        without(request, member)
    assert read == request
    return left_out


@pytest.mark.parametrize("path", VALID_REQUESTS, ids=request_id)
def test_every_valid_request_is_carried(path):
    left_out = carried_except_what_the_note_names(path)
    # The provider's page of this version has no SequenceLength in serverless_job_config.
    assert left_out in ([], ["ServerlessJobConfig.SequenceLength"])


def test_every_member_is_carried_or_named():
    left_out = carried_except_what_the_note_names(EVERY_MEMBER)
    assert "InputDataConfig.DataSource.DatasetSource" in left_out
    assert "RoleArn" not in left_out
