#!/usr/bin/env python3
"""Generate src/core/data/images.json from sagemaker-core's image_uri_config (behaviour §10).

Facts only: for the training scope of the 17 first-party built-in algorithms and of the training
framework containers, each version's repository, registry account per region, processors, Python
versions, container-version suffixes and tag prefix, the version aliases, and the GPU count of
each instance type (instance_gpu_info.json). Re-read a newer wheel with:

    python3 tools/gen_algorithms.py --sagemaker-core 2.27.1

It downloads that wheel with pip (no install) into ~/.cache/tjs/sagemaker-core and rewrites the
generated file; review the diff like code. The file is JSON, not Rust: the browser fetches it when
an image is first looked at, so that it stays out of the first load (behaviour §9); `tjs` and the
native tests embed it.
"""
import argparse
import json
import os
import re

from wheels import open_wheel

PINNED = "2.27.0"
CONFIG_DIR = "sagemaker/core/image_uri_config/"
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "core", "data", "images.json")

BUILT_IN = [
    "blazingtext", "factorization-machines", "forecasting-deepar", "image-classification",
    "ipinsights", "kmeans", "knn", "lda", "linear-learner", "ntm", "object-detection",
    "object2vec", "pca", "randomcutforest", "semantic-segmentation", "seq2seq", "xgboost",
]
FRAMEWORKS = ["pytorch", "tensorflow", "huggingface", "sklearn", "mxnet"]
# Regions with an amazonaws.com or amazonaws.com.cn ECR endpoint; the isolated partitions have
# other domains and no public console, so they are left out.
REGION = re.compile(r"^(?!.*-iso)[a-z]{2}(-gov)?-[a-z]+-\d$")


def load_configs(version):
    configs = {}
    with open_wheel("sagemaker-core", version) as z:
        for name in z.namelist():
            if name.startswith(CONFIG_DIR) and name.endswith(".json"):
                configs[name[len(CONFIG_DIR):-5]] = json.loads(z.read(name))
    return configs


def training_scope(config):
    """The training part of a config: either under "training", or the whole config when its
    "scope" lists training (the first-party algorithms share one config for both)."""
    if "training" in config:
        return config["training"]
    if "training" in config.get("scope", []):
        return config
    raise SystemExit("no training scope")


class Registries:
    """Registry maps, each kept once: most versions share one."""

    def __init__(self):
        self.maps = []

    def index(self, registries):
        kept = {r: a for r, a in sorted(registries.items()) if REGION.match(r)}
        if kept not in self.maps:
            self.maps.append(kept)
        return self.maps.index(kept)


def version_entry(key, tag_prefix, config, top_processors, registries):
    entry = {"key": key, "tag": tag_prefix, "repository": config["repository"],
             "registry": registries.index(config["registries"])}
    processors = config.get("processors") or top_processors
    if processors:
        entry["processors"] = processors
    if config.get("py_versions"):
        entry["py"] = config["py_versions"]
    if config.get("container_version"):
        entry["suffix"] = config["container_version"]
    return entry


def images(configs, registries):
    out = []
    for key in BUILT_IN + FRAMEWORKS:
        scope = training_scope(configs[key])
        versions = []
        for version, config in scope["versions"].items():
            if "repository" in config:
                tag = config.get("tag_prefix", version)
                versions.append(version_entry(version, tag, config, scope.get("processors"), registries))
                continue
            # A few old versions differ by Python version: one entry for each, under one key.
            if all(re.match(r"^py\d+$", py) for py in config):
                for py, py_config in config.items():
                    entry = version_entry(version, version, py_config, scope.get("processors"), registries)
                    entry["py"] = [py]
                    versions.append(entry)
                continue
            # Hugging Face: one version of transformers over several base frameworks.
            for base, base_config in config.items():
                match = re.match(r"^(pytorch|tensorflow)(.*)$", base)
                if not match or not isinstance(base_config, dict):
                    continue
                tag = f"{match.group(2)}-transformers{version}"
                versions.append(version_entry(f"{version}-{base}", tag, base_config, scope.get("processors"),
                                              registries))
        image = {"key": key, "kind": "built-in" if key in BUILT_IN else "framework", "versions": versions}
        if scope.get("version_aliases"):
            image["aliases"] = scope["version_aliases"]
        out.append(image)
    return out


def gpus(configs):
    counts = {}
    for per_region in configs["instance_gpu_info"].values():
        for instance_type, info in per_region.items():
            counts[instance_type] = info["Count"]
    return dict(sorted(counts.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sagemaker-core", default=PINNED)
    parser.add_argument("--out", default=OUT, help="where to write (default: the committed file)")
    args = parser.parse_args()
    configs = load_configs(args.sagemaker_core)
    registries = Registries()
    data = {
        "source": f"sagemaker-core {args.sagemaker_core}, {CONFIG_DIR}*.json (training scope) and "
                  f"instance_gpu_info.json; generated by tools/gen_algorithms.py, do not edit",
        "images": images(configs, registries),
        "registries": registries.maps,
        "gpus": gpus(configs),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(data, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(args.out)}: {len(data['images'])} images, {len(registries.maps)} registry maps, "
          f"{os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
