#!/usr/bin/env bash
# Installs what Zoom Investigator needs on Debian 12 (or Ubuntu): the system packages for the
# keychain (libsecret, gnome-keyring, D-Bus), Chromium for the UI tests, poppler for PDF checks,
# a compiler for the native modules, then the npm packages from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsecret-1-dev gnome-keyring dbus dbus-x11 chromium poppler-utils python3 make g++
  ca-certificates)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The Electron binary comes from a host outside the npm registry; the CLI and the tests do
# not need it. On a laptop that runs the desktop app, leave this unset.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci
fi
