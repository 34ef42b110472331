#!/usr/bin/env bash
# Release build of the web app into dist/ and of the `tjs` command. Prints the bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
"$TJS_VENV/bin/python" scripts/harden_dist.py dist
cargo build --release --bin tjs
echo "first load as served, gzip (dist/first-load.txt): $(while read -r f; do wc -c < "dist/$f.gz"; done < dist/first-load.txt | awk '{s+=$1} END {printf "%d bytes (%.1f KB)", s, s/1000}')"
