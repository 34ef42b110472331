#!/usr/bin/env bash
# README command 2: every test. Native `cargo test` for the core and the `tjs` command, then the
# browser end-to-end suite: the release build in headless Chromium through chromedriver, served
# by nginx with the proxy to moto (signatures checked), exactly as scripts/start.sh serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "== cargo test"
cargo test
echo "== catalogue generators (against the pinned upstream packages)"
"$TJS_VENV/bin/python" -m pytest tests/generator -q -p no:cacheprovider
echo "== release build"
bash scripts/build.sh
echo "== end-to-end (headless Chromium)"
"$TJS_VENV/bin/python" -m pytest tests/e2e -q -p no:cacheprovider "$@"
