#!/usr/bin/env bash
# Installs what is needed and runs every check: types, lint, and the whole test suite against
# real parts (SQLite files, a real Secret Service, the demo tenant over HTTP, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-debian.sh

npm run -s typecheck
npm run -s lint
bash scripts/with-keyring.sh npx --no-install vitest run "$@"
