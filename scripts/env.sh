# Sourced by the other scripts: where the tools live and which come first on PATH.
export TJS_TOOLS="${TJS_TOOLS:-$HOME/.cache/tjs}"
export TJS_VENV="$TJS_TOOLS/venv"
# The tools that read the exports (behaviour §14), apart: the SageMaker SDK pins its own boto3.
export TJS_EXPORTS_VENV="$TJS_TOOLS/exports-venv"
# wasm-opt from npm's binaryen must come before any Debian one (docs/toolchain.md).
export PATH="$TJS_TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"
