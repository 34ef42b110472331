# Sourced by the other scripts: where the tools live and which come first on PATH.
export TJS_TOOLS="${TJS_TOOLS:-$HOME/.cache/tjs}"
export TJS_VENV="$TJS_TOOLS/venv"
# wasm-opt from npm's binaryen must come before any Debian one (docs/toolchain.md).
export PATH="$TJS_TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"
