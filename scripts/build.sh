#!/usr/bin/env bash
# Release build of the web app into dist/ and of the `tjs` command. Prints the bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
# The static-host forwarder's guide, template and code, published with the app (README: Static hosting).
"$TJS_VENV/bin/python" scripts/static_host_guide.py dist
"$TJS_VENV/bin/python" scripts/harden_dist.py dist
cargo build --release --bin tjs
# behaviour §9: the first load is at most 250 KB as served; a build above it fails.
BUDGET=250000
first_load=$(while read -r f; do wc -c < "dist/$f.gz"; done < dist/first-load.txt | awk '{s+=$1} END {print s}')
echo "first load as served, gzip (dist/first-load.txt): $first_load bytes of $BUDGET ($(awk -v b="$first_load" 'BEGIN {printf "%.1f", b / 1000}') KB of 250 KB)"
if [ "$first_load" -gt "$BUDGET" ]; then
  echo "build.sh: the first load is $first_load bytes, $((first_load - BUDGET)) over the $BUDGET-byte budget (behaviour §9). Its files, as served:" >&2
  while read -r f; do printf '  %8d  %s\n' "$(wc -c < "dist/$f.gz")" "$f"; done < dist/first-load.txt | sort -rn >&2
  exit 1
fi
