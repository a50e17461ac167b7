# Shared steps of scripts/console and scripts/test. Sourced, not run.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${WEBNOVA_VENV:-$ROOT/.venv}"

# What Qt, the keyring and the bundled fonts need on a bare Debian/Ubuntu machine.
RUNTIME_APT=(
  python3 python3-venv python3-pip
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-xkb1 libx11-xcb1 fonts-dejavu-core
  dbus gnome-keyring
)
# Plus what the test suite needs: a PostgreSQL server to start, a real Secret Service,
# objdump for PyInstaller, dpkg-deb for the .deb, fonts-noto-mono (which makes the
# system's "monospace" a face Qt calls proportional: the console must not depend on it),
# and caddy, which validates the Caddyfile of generated platforms.
TEST_APT=(postgresql binutils dpkg-dev fonts-noto-mono caddy openssh-client openssh-server)

_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> installing system packages: ${missing[*]}"
    _sudo apt-get update -q
    _sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

ensure_venv() {
  local extra="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  echo "==> installing WebNova Console${extra:+ with [$extra]} into $VENV"
  "$VENV/bin/python" -m pip install -q -e "$ROOT${extra:+[$extra]}"
}

build_translations() {
  "$VENV/bin/python" -m app.gui.i18n build
}
