#!/usr/bin/env bash
# Installs what is needed and runs every check: types, lint, and the whole test suite against
# real parts (SQLite files, a real Secret Service, the demo tenant over HTTP, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-debian.sh

npm run -s typecheck
npm run -s lint

# The suites that measure the main thread's pauses (the data worker) or drive Chromium run
# after the rest, one file at a time, so that other suites' load does not distort them.
timed=(test/worker test/ui)
bash scripts/with-keyring.sh bash -c '
  set -euo pipefail
  npx --no-install vitest run --exclude "test/worker/**" --exclude "test/ui/**" "$@"
  npx --no-install vitest run --no-file-parallelism '"${timed[*]}"'
' bash "$@"
