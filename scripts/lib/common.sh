# Shared by scripts/run-app and scripts/test-all. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_PROFILE_DEV_DEBUG=0
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*"; }

# Debian/Ubuntu packages the app and its tests need (see docs in README). Skipped when all are
# present; elsewhere (macOS, Windows) nothing is needed beyond the system webview.
SYSTEM_PACKAGES=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev
  libsoup-3.0-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libdbus-1-dev
  libsecret-1-dev xvfb xauth webkit2gtk-driver dbus dbus-x11 gnome-keyring keyutils imagemagick
  fonts-dejavu-core chromium)

install_system_packages() {
  if ! command -v dpkg >/dev/null 2>&1; then
    echo "not a Debian-like system: skipping system packages (the OS webview is enough)"
    return
  fi
  if dpkg -s "${SYSTEM_PACKAGES[@]}" >/dev/null 2>&1; then
    echo "system packages already present"
    return
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${SYSTEM_PACKAGES[@]}" >/dev/null
}

install_python_venv() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
}

build_frontend() {
  (cd "$ROOT/frontend" && npm ci --no-audit --no-fund --loglevel=error && npm run build)
}
