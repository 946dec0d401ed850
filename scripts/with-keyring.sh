#!/usr/bin/env bash
# Runs a command with a Secret Service to talk to. On a desktop session the user's keyring is
# already there and the command runs as it is. On a headless machine (no D-Bus session bus),
# a throwaway gnome-keyring is started inside a private D-Bus session, unlocked with a random
# password, with its keyring files in a temporary folder that is deleted afterwards.
set -euo pipefail

if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec "$@"
fi

keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export ZI_KEYRING_HOME="$keyring_home"

dbus-run-session -- bash -c '
  set -euo pipefail
  password="$(head -c 18 /dev/urandom | base64)"
  printf %s "$password" |
    XDG_DATA_HOME="$ZI_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets \
    >/dev/null
  echo "keyring: using a throwaway Secret Service for this run" >&2
  exec "$@"
' bash "$@"
