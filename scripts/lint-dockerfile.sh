#!/usr/bin/env bash
# Lints Dockerfiles: dockerfile-utils (from npm: instructions, flags and
# arguments Docker would reject), then scripts/check-dockerfile.py (this
# project's rules: stages, pinned bases, non-root, apt hygiene). hadolint is
# packaged neither for Debian nor, as a working binary, for npm.
#   scripts/lint-dockerfile.sh              Dockerfile
#   scripts/lint-dockerfile.sh PATH...      those files
#   scripts/lint-dockerfile.sh --install    only install the linter (e.g. before going offline)
# Installed once into $BACKFILL_TOOLS_DIR/dockerfile-utils (default
# build/tools). Exit codes: 0 clean, 1 findings, 2 usage or setup error.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
package=dockerfile-utils
version=0.16.3
prefix=$(realpath -m "${BACKFILL_TOOLS_DIR:-$root/build/tools}")/dockerfile-utils
linter=$prefix/node_modules/.bin/dockerfile-utils

# shellcheck source=lib/npm-tools.sh
source "$root/scripts/lib/npm-tools.sh"

install_linter() {
  npm_install_pinned lint-dockerfile "$prefix" "$package@$version"
}

if [[ "${1:-}" == "--install" ]]; then
  install_linter
  exit 0
fi
files=("$@")
[[ ${#files[@]} -gt 0 ]] || files=("$root/Dockerfile")
for file in "${files[@]}"; do
  [[ -f "$file" ]] || { echo "lint-dockerfile: no such file: $file" >&2; exit 2; }
done
install_linter

# Debian's python3 has python3-yaml and friends; any python3 runs the check.
py=python3
[[ -x /usr/bin/python3 ]] && py=/usr/bin/python3
status=0
for file in "${files[@]}"; do
  if ! out=$("$linter" lint "$file" 2>&1); then
    echo "$file: dockerfile-utils:" >&2
    echo "$out" >&2
    status=1
  fi
  "$py" "$root/scripts/check-dockerfile.py" "$file" || status=1
done
exit $status
