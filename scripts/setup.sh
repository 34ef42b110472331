#!/usr/bin/env bash
# Installs every tool the app's build, local endpoint and tests need, skipping what is present.
# Idempotent; a first run on a new machine takes about 15 minutes (mostly `cargo install trunk`).
# Versions are pinned here and nowhere else.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
AXE_VERSION=4.14.1
GECKODRIVER_VERSION=0.37.1
PY_PACKAGES=("moto[server]==5.2.5" "selenium==4.50.0" "pytest==9.2.0" "pytest-rerunfailures==16.7" "zopfli==0.2.3" "cfn-lint==1.58.0")
# The tools that read the exports (tests/exports), in a venv of their own: the SDK v2 (3.x has no
# Estimator), an HCL parser, a JSON Schema validator, PyYAML and Jinja (Airflow's templates).
EXPORTS_PY_PACKAGES=("sagemaker==2.257.7" "python-hcl2==8.1.4" "jsonschema==4.26.0" "PyYAML==6.0.4" "Jinja2==3.1.6" "pytest==9.2.0")
# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
WASM_BINDGEN_VERSION=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)

step() { printf '\n== %s\n' "$*"; }
mkdir -p "$TJS_TOOLS"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo clippy --version >/dev/null 2>&1; then
  step "rust component clippy"
  rustup component add clippy
fi

# rustfmt: the test command checks that the code is as cargo fmt writes it.
if ! cargo fmt --version >/dev/null 2>&1; then
  step "rust component rustfmt"
  rustup component add rustfmt
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lock file names a webpki-roots release the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Debian's binaryen 108 corrupts wasm-bindgen's externref table; npm's 132 works.
if [ "$("$TJS_TOOLS/binaryen/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  step "binaryen $BINARYEN_VERSION (wasm-opt)"
  npm install --no-audit --no-fund --prefix "$TJS_TOOLS/binaryen" "binaryen@$BINARYEN_VERSION"
fi

# axe-core, injected into the page by the end-to-end suite's accessibility checks.
if [ "$(node -p "require('$TJS_TOOLS/axe/node_modules/axe-core/package.json').version" 2>/dev/null)" != "$AXE_VERSION" ]; then
  step "axe-core $AXE_VERSION"
  npm install --no-audit --no-fund --prefix "$TJS_TOOLS/axe" "axe-core@$AXE_VERSION"
fi

# The three browser engines the end-to-end suite runs in, with their WebDrivers: Chromium,
# Firefox ESR (geckodriver below) and WebKitGTK (its MiniBrowser comes with libwebkit2gtk, and
# has no headless mode: xvfb-run gives it a screen).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
ls /usr/lib/*/webkit2gtk-4.*/MiniBrowser >/dev/null 2>&1 || missing+=(libwebkit2gtk-4.1-0)
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
command -v nginx >/dev/null || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# Debian has no geckodriver package; crates.io has Mozilla's own (about 3 minutes to build).
if [ "$(geckodriver --version 2>/dev/null | head -1)" != "geckodriver $GECKODRIVER_VERSION" ]; then
  step "geckodriver $GECKODRIVER_VERSION (about 3 minutes)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

# Every pinned package, extras left out, must be in the venv's freeze list.
missing_py=$(comm -23 <(printf '%s\n' "${PY_PACKAGES[@]}" | sed 's/\[[^]]*\]//' | sort) \
                      <("$TJS_VENV/bin/pip" freeze 2>/dev/null | sort))
if [ -n "$missing_py" ]; then
  step "python venv: ${PY_PACKAGES[*]}"
  python3 -m venv "$TJS_VENV"
  "$TJS_VENV/bin/pip" install -q "${PY_PACKAGES[@]}"
fi
missing_exports=$(comm -23 <(printf '%s\n' "${EXPORTS_PY_PACKAGES[@]}" | sort) \
                           <("$TJS_EXPORTS_VENV/bin/pip" freeze 2>/dev/null | sort))
if [ -n "$missing_exports" ]; then
  step "python venv for the exports' tools: ${EXPORTS_PY_PACKAGES[*]} (about 2 minutes)"
  python3 -m venv "$TJS_EXPORTS_VENV"
  "$TJS_EXPORTS_VENV/bin/pip" install -q "${EXPORTS_PY_PACKAGES[@]}"
fi
step "tools ready in $TJS_TOOLS"
