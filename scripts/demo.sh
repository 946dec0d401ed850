#!/usr/bin/env bash
# Installs what is needed and runs the whole main job on the built-in demo tenant:
# tenant -> keychain -> sync -> SQLite -> detect -> act -> evidence bundle, with a summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-debian.sh >&2
exec bash scripts/zi.sh demo "$@"
