#!/usr/bin/env bash
# README command 1: installs what is missing, builds the release app, then runs the local stack
# (moto with SigV4 checking + nginx with the same-origin proxy) and prints the URL and keys.
#   scripts/start.sh [--port 8080] [--moto-port 5000] [--static-host]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build.sh
exec "$TJS_VENV/bin/python" scripts/local_stack.py "$@"
