#!/usr/bin/env bash
# Runs clang-tidy (Debian's clang-tidy 14) with the repository's .clang-tidy
# over every source file under src/, in parallel, using the compile commands
# of build/ (configured first when missing). Not part of scripts/test.sh:
# several minutes on 2 cores.
#   scripts/tidy.sh                  every file under src/
#   scripts/tidy.sh REGEX...         only the src/ files whose path matches (e.g. engine/)
# Environment: TIDY_JOBS (default: the number of cores), BACKFILL_BUILD_DIR
# (default: build).
# Exit codes: 0 clean, 1 findings (every finding is an error), 2 setup error.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BACKFILL_BUILD_DIR:-$root/build}
jobs=${TIDY_JOBS:-$(nproc)}

command -v clang-tidy >/dev/null || {
  echo "tidy: clang-tidy is not installed (apt-get install clang-tidy)" >&2
  exit 2
}
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "tidy: configuring $build for its compile_commands.json" >&2
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi

# Absolute paths as compile_commands.json has them, as a regex.
src_regex="^$(printf '%s' "$root/src/" | sed 's/[][\.*^$()+?{}|]/\\&/g')"
patterns=()
if [[ $# -eq 0 ]]; then
  patterns=("$src_regex")
else
  for p in "$@"; do patterns+=("$src_regex.*$p"); done
fi

# -Wno-error: the build may be configured with BACKFILL_WERROR; clang's own
# warnings are not what this run is about.
if command -v run-clang-tidy >/dev/null && command -v python3 >/dev/null; then
  run=(run-clang-tidy -quiet -p "$build" -j "$jobs" -extra-arg=-Wno-error "${patterns[@]}")
  [[ -t 1 ]] && exec "${run[@]}"
  # Debian's run-clang-tidy always asks for colour: not in a log file.
  "${run[@]}" | sed 's/\x1b\[[0-9;]*m//g'
  exit "${PIPESTATUS[0]}"
fi

# No run-clang-tidy: the same with xargs.
regex=$(IFS='|'; printf '%s' "${patterns[*]}")
mapfile -t files < <(grep -o '"file": *"[^"]*"' "$build/compile_commands.json" |
                     sed 's/"file": *"\(.*\)"/\1/' | grep -E "$regex" | LC_ALL=C sort -u)
[[ ${#files[@]} -gt 0 ]] || { echo "tidy: no files under $root/src match" >&2; exit 2; }
printf '%s\0' "${files[@]}" |
  xargs -0 -P "$jobs" -n 1 clang-tidy --quiet -p "$build" --extra-arg=-Wno-error ||
  exit 1
