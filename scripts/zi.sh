#!/usr/bin/env bash
# Runs the zoom-investigator CLI from this checkout: `bash scripts/zi.sh events --search invoice`.
#
# Secrets live in the OS keychain. On a desktop session the user's keyring is used as it is.
# On a headless machine (no D-Bus session bus) this starts ONE throwaway Secret Service, a
# private D-Bus daemon with gnome-keyring unlocked by a random password, and reuses it for every
# later command, so that `demo --serve`, `sync`, `act` and the rest share the demo's secrets.
# `bash scripts/zi.sh --stop-keyring` ends it; its keyring files are deleted with it.
set -euo pipefail
cd "$(dirname "$0")/.."

state="${XDG_RUNTIME_DIR:-/tmp}/zoom-investigator-keyring-$(id -u)"

bus_alive() {
  [ -f "$state/address" ] &&
    dbus-send --bus="$(cat "$state/address")" --dest=org.freedesktop.DBus --print-reply \
      /org/freedesktop/DBus org.freedesktop.DBus.ListNames >/dev/null 2>&1
}

stop_keyring() {
  for pid_file in "$state"/*.pid; do
    [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  rm -rf "$state"
  echo "keyring: throwaway Secret Service stopped and its files deleted" >&2
}

start_keyring() {
  rm -rf "$state"
  mkdir -p "$state/data"
  chmod 700 "$state"

  # Output goes to files, never to our pipes: a daemon holding them would keep callers waiting.
  dbus-daemon --session --fork --print-address=3 --print-pid=4 \
    3>"$state/address.tmp" 4>"$state/dbus.pid" >/dev/null 2>&1
  tr -d '\n' <"$state/address.tmp" >"$state/address"
  rm -f "$state/address.tmp"

  head -c 18 /dev/urandom | base64 |
    DBUS_SESSION_BUS_ADDRESS="$(cat "$state/address")" XDG_DATA_HOME="$state/data" \
      gnome-keyring-daemon --unlock --components=secrets >"$state/keyring.env" 2>/dev/null
  sed -n 's/^GNOME_KEYRING_PID=//p' "$state/keyring.env" >"$state/keyring.pid"
  echo "keyring: started a throwaway Secret Service for this machine's session" \
    "(stop it with: bash scripts/zi.sh --stop-keyring)" >&2
}

if [ "${1:-}" = "--stop-keyring" ]; then
  stop_keyring
  exit 0
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  bus_alive || start_keyring
  DBUS_SESSION_BUS_ADDRESS="$(cat "$state/address")"
  export DBUS_SESSION_BUS_ADDRESS
fi

exec node --import tsx main/cli/index.ts "$@"
