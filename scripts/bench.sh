#!/usr/bin/env bash
# Benchmark of behaviour §9's budgets (not part of the tests; it reports, it does not fail):
# builds the release app and tjs, serves them as scripts/start.sh does, and measures in
# headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
source scripts/env.sh
bash scripts/build.sh >/dev/null 2>&1 || bash scripts/build.sh
exec "$TJS_VENV/bin/python" scripts/bench.py "$@"
