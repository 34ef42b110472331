#!/usr/bin/env bash
# README command 2: every test. Native `cargo test` for the core and the `tjs` command, then the
# browser end-to-end suite in each of the three engines (Chromium, Firefox, WebKitGTK) through
# its WebDriver: the release build served by nginx with the proxy to moto (signatures checked),
# exactly as scripts/start.sh serves it. Arguments go to pytest; TJS_ENGINES="firefox" (for
# example) runs the suite in fewer engines while iterating.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "== rustfmt (the code is as cargo fmt writes it)"
cargo fmt --check
echo "== clippy, native and for the browser (warnings are errors)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bin app --bin service_worker --bin algorithms --bin panels -- -D warnings
echo "== cargo test"
cargo test
echo "== tjs validate --account against the local stack's seeded account (moto, signatures checked)"
"$TJS_VENV/bin/python" -m pytest tests/account -q -p no:cacheprovider
echo "== catalogue generators (against the pinned upstream packages)"
"$TJS_VENV/bin/python" -m pytest tests/generator -q -p no:cacheprovider
echo "== the static-host forwarder, its CloudFormation template (cfn-lint) and the nginx proxy rule"
"$TJS_VENV/bin/python" -m pytest tests/deploy -q -p no:cacheprovider
echo "== exports, read by the tools that run them (SDK, HCL, ACK CRD, Airflow/botocore, JSON Schema)"
"$TJS_EXPORTS_VENV/bin/python" -m pytest tests/exports -q -p no:cacheprovider
echo "== release build"
bash scripts/build.sh
ENGINE_DIED="page crash or hang|Could not parse element info|Could not parse script result|invalid session id|MaxRetryError"
for engine in ${TJS_ENGINES:-chromium firefox webkit}; do
  echo "== end-to-end in $engine"
  started=$SECONDS
  # WebKitGTK's MiniBrowser has no headless mode: it gets a virtual screen.
  screen=(); [ "$engine" = webkit ] && screen=(xvfb-run -a)
  # A test whose browser process died under it (the engine's own crash or hang, never a failed
  # assertion) runs once more in a new browser (conftest's SharedBrowser), and the report says so.
  "${screen[@]}" "$TJS_VENV/bin/python" -m pytest tests/e2e -q -p no:cacheprovider --engine "$engine" \
    --reruns 1 --only-rerun "$ENGINE_DIED" "$@"
  echo "== end-to-end in $engine took $((SECONDS - started)) s"
done
