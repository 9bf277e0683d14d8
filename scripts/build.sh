#!/usr/bin/env bash
# Installs what is missing and builds into build/ (binary: build/backfill).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh" "$@"
tests=OFF
[[ "${1:-}" == "--test" ]] && tests=ON
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DBACKFILL_BUILD_TESTS=$tests >/dev/null
cmake --build "$root/build" -j"$(nproc)"
