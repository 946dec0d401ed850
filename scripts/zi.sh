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

# Alive means both daemons we started still run: if the unlocked keyring died, the bus would
# start a new, locked one on the next request, and every keychain call would be refused.
session_alive() {
  [ -f "$state/address" ] && [ -s "$state/keyring.pid" ] &&
    kill -0 "$(cat "$state/keyring.pid")" 2>/dev/null &&
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
  # The daemon forks away without printing its pid; it is the newest one serving our files.
  pgrep -n -f "gnome-keyring-daemon" >"$state/keyring.pid" || true
  echo "keyring: started a throwaway Secret Service for this machine's session" \
    "(stop it with: bash scripts/zi.sh --stop-keyring)" >&2
}

if [ "${1:-}" = "--stop-keyring" ]; then
  stop_keyring
  exit 0
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  if ! session_alive; then
    if [ -d "$state" ]; then
      stop_keyring
      echo "keyring: the earlier throwaway keyring had stopped; its secrets are gone" \
        "(run bash scripts/demo.sh again for the demo's)" >&2
    fi
    start_keyring
  fi
  DBUS_SESSION_BUS_ADDRESS="$(cat "$state/address")"
  export DBUS_SESSION_BUS_ADDRESS
fi

exec node --import tsx main/cli/index.ts "$@"
