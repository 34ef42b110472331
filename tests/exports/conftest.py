"""Exports checked by the tools that read them (behaviour §14). Each export is written by the
`tjs` command (the same core as the page) for every template and valid fixture, and then read by
the real tool or the real schema: the SageMaker Python SDK, python-hcl2, the ACK CRD, Jinja and
botocore's own parameter validation, a JSON Schema validator.

Runs in the exports venv ($TJS_EXPORTS_VENV, scripts/setup.sh), which holds the pinned SDK."""
import glob
import json
import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TJS = os.path.join(ROOT, "target", "debug", "tjs")

# The requests every export is checked with: the templates, the valid fixture, and one whose
# strings hold every character a quoting context treats specially, and one with most members the
# SDK has an argument for.
VALID_REQUESTS = sorted(glob.glob(os.path.join(ROOT, "templates", "*.json"))) + [
    os.path.join(ROOT, "tests", "fixtures", "valid.json"),
    os.path.join(ROOT, "tests", "fixtures", "exports", "awkward-strings.json"),
    os.path.join(ROOT, "tests", "fixtures", "exports", "many-members.json"),
]
# A request with every member of the API (with sample values, not all of them valid): the
# exports that rename members must know every name or say which they cannot carry.
EVERY_MEMBER = os.path.join(ROOT, "tests", "fixtures", "every-leaf.json")


def request_id(path):
    return os.path.splitext(os.path.basename(path))[0]


@pytest.fixture(scope="session", autouse=True)
def tjs_built():
    subprocess.run(["cargo", "build", "--quiet", "--bin", "tjs"], cwd=ROOT, check=True)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def export(kind, path, region="us-east-1"):
    """What `tjs export --to kind` prints for the request in `path`, and its notes."""
    done = subprocess.run([TJS, "export", "--to", kind, "--region", region, path],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    notes = [line[len("tjs: note: "):] for line in done.stderr.splitlines() if line.startswith("tjs: note: ")]
    return done.stdout, notes


def without(request, dotted):
    """`request` without the member at `dotted` (list steps skipped: `InputDataConfig.DataSource`
    is every channel's)."""
    def drop(node, steps):
        if isinstance(node, list):
            for item in node:
                drop(item, steps)
        elif isinstance(node, dict) and steps[0] in node:
            if len(steps) == 1:
                del node[steps[0]]
            else:
                drop(node[steps[0]], steps[1:])
    drop(request, dotted.split("."))
    return request


def export_notes(notes):
    """The notes about the export itself, without the one that says the request has errors."""
    return [n for n in notes if not n.startswith("the request has ")]


def differences(expected, actual, path=""):
    """The paths (behaviour §3 form: `InputDataConfig[0].ChannelName`) where two JSON values differ:
    a member missing on either side, a list of another length, or another value."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        for key in list(expected) + [k for k in actual if k not in expected]:
            at = f"{path}.{key}" if path else key
            if key not in expected or key not in actual:
                found.append(at)
            else:
                found += differences(expected[key], actual[key], at)
        return found
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [p for i, (e, a) in enumerate(zip(expected, actual)) for p in differences(e, a, f"{path}[{i}]")]
    return [] if expected == actual else [path]


def named_in(path, notes):
    """Whether a note names the member at `path`, or the member or list that holds it."""
    while path:
        if any(path in note for note in notes):
            return True
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return False
