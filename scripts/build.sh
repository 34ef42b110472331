#!/usr/bin/env bash
# Release build of the web app into dist/ and of the `tjs` command. Prints the bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
"$TJS_VENV/bin/python" scripts/harden_dist.py dist
cargo build --release --bin tjs
echo "dist/ as served, gzip (first-load transfer): $(for f in dist/*.gz; do wc -c < "$f"; done | awk '{s+=$1} END {printf "%d bytes (%.1f KB)", s, s/1000}')"
