"""tools/gen_algorithms.py (behaviour §10): the committed catalogue is what the pinned sagemaker-core
wheel says. Regenerates it into a temporary file and compares, then checks a sample of
algorithms and regions against the wheel's own JSON, so that a generator bug that wrote the
same wrong thing twice is caught too."""
import json
import os
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import gen_algorithms  # noqa: E402

COMMITTED = os.path.join(ROOT, "src", "core", "data", "images.json")


@pytest.fixture(scope="module")
def wheel_configs():
    return gen_algorithms.load_configs(gen_algorithms.PINNED)


@pytest.fixture(scope="module")
def committed():
    with open(COMMITTED) as f:
        return json.load(f)


def test_regenerating_gives_the_committed_file(tmp_path):
    out = tmp_path / "images.json"
    subprocess.check_call([sys.executable, os.path.join(ROOT, "tools", "gen_algorithms.py"), "--out", str(out)])
    with open(COMMITTED) as f:
        assert out.read_text() == f.read(), "run python3 tools/gen_algorithms.py and commit the result"


def account(committed, key, version, region):
    image = next(i for i in committed["images"] if i["key"] == key)
    entry = next(v for v in image["versions"] if v["key"] == version)
    return entry["repository"], committed["registries"][entry["registry"]].get(region)


@pytest.mark.parametrize("key,version,regions", [
    ("xgboost", "1.7-1", ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "ap-southeast-2"]),
    ("xgboost", "1", ["us-east-1", "eu-central-1", "cn-northwest-1"]),
    ("kmeans", "1", ["us-east-1", "us-gov-west-1", "sa-east-1"]),
    ("image-classification", "1", ["eu-west-1", "ap-northeast-1"]),
    ("pytorch", "2.1.0", ["us-east-1", "cn-north-1", "me-central-1"]),
    ("tensorflow", "2.13.0", ["us-west-2", "us-gov-east-1"]),
    ("sklearn", "1.2-1", ["eu-west-2", "cn-north-1"]),
    ("mxnet", "1.9.0", ["us-east-1"]),
])
def test_sample_matches_the_wheel(wheel_configs, committed, key, version, regions):
    scope = gen_algorithms.training_scope(wheel_configs[key])
    source = scope["versions"][version]
    for region in regions:
        assert account(committed, key, version, region) == (source["repository"], source["registries"][region])
    image = next(i for i in committed["images"] if i["key"] == key)
    entry = next(v for v in image["versions"] if v["key"] == version)
    assert entry.get("py", []) == source.get("py_versions", [])
    assert entry.get("processors", scope.get("processors", [])) == (source.get("processors") or scope.get("processors") or [])
    assert image.get("aliases", {}) == scope.get("version_aliases", {})


def test_hugging_face_versions_are_flattened(wheel_configs, committed):
    source = gen_algorithms.training_scope(wheel_configs["huggingface"])["versions"]["4.36.0"]["pytorch2.1.0"]
    image = next(i for i in committed["images"] if i["key"] == "huggingface")
    entry = next(v for v in image["versions"] if v["key"] == "4.36.0-pytorch2.1.0")
    assert entry["tag"] == "2.1.0-transformers4.36.0"
    assert entry["suffix"] == source["container_version"]
    assert committed["registries"][entry["registry"]]["us-east-1"] == source["registries"]["us-east-1"]


def test_gpu_counts_match_the_wheel(wheel_configs, committed):
    for region, types in wheel_configs["instance_gpu_info"].items():
        for instance_type, info in types.items():
            assert committed["gpus"][instance_type] == info["Count"], (region, instance_type)


def test_every_built_in_and_framework_is_covered(committed):
    keys = [i["key"] for i in committed["images"]]
    assert keys == gen_algorithms.BUILT_IN + gen_algorithms.FRAMEWORKS
    assert len(gen_algorithms.BUILT_IN) == 17
