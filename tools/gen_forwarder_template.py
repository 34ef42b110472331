#!/usr/bin/env python3
"""Copies deploy/static-host/forwarder.py into deploy/static-host/template.yaml as the function's
inline code, so that the template deploys with one `aws cloudformation deploy` and forwarder.py
stays the one copy that is edited and tested.

    python3 tools/gen_forwarder_template.py
"""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(ROOT, "deploy", "static-host")
INDENT = " " * 10

with open(os.path.join(FOLDER, "forwarder.py")) as f:
    code = f.read()
with open(os.path.join(FOLDER, "template.yaml")) as f:
    template = f.read()
# The block under `ZipFile: |` runs until the first line indented less than the code.
block = re.compile(r"(        ZipFile: \|\n)((?:" + INDENT + r".*\n|\n)+)")
inline = "".join(INDENT + line if line.strip() else "\n" for line in code.splitlines(keepends=True))
template, found = block.subn(lambda m: m.group(1) + inline + "\n", template, count=1)
assert found == 1, "template.yaml has no `ZipFile: |` block"
with open(os.path.join(FOLDER, "template.yaml"), "w") as f:
    f.write(template)
