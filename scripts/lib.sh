# Shared by the scripts in this folder (sourced, not run).
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Browsers are never downloaded: the tests drive Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log() { printf '\n==> %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif have sudo; then sudo "$@"
  else
    echo "需要 root 权限才能运行：$*" >&2
    return 1
  fi
}

# Whether rustup's prebuilt wasm32 standard library is installed.
rustup_has_wasm() {
  have rustup && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

# `cargo SUBCOMMAND ARGS…` for the wasm32 target: rustup's target when it is
# installed, else Debian's rustc-web (linked into rustup as the `debian`
# toolchain by scripts/setup), which builds std itself.
wasm_cargo() {
  local sub=$1
  shift
  if rustup_has_wasm; then
    cargo "$sub" "$@"
  else
    RUSTC_BOOTSTRAP=1 cargo +debian "$sub" -Zbuild-std=std,panic_abort "$@"
  fi
}

# The wasm-bindgen version pinned in Cargo.lock (the CLI must match it exactly).
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
