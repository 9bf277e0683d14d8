#!/usr/bin/env bash
# GitHub GraphQL tooling: the query checker and the fake GitHub's GraphQL
# sidecar both need graphql-js and GitHub's published schema.
#   scripts/graphql-tools.sh --install          install them (needed once)
#   scripts/graphql-tools.sh --check FILE...    check query files against GitHub's schema and
#                                               rules (tests/fake_graphql/check-queries.mjs)
#   scripts/graphql-tools.sh --where            print the node_modules directory they live in
# Exit codes: 0 clean, 1 findings, 2 usage or setup error.
#
# `graphql` (graphql-js) and `@octokit/graphql-schema` (GitHub's public
# schema, schema.graphql) come from npm, pinned below, and are installed once
# into $BACKFILL_TOOLS_DIR (default: build/tools) by --install only (Node and
# npm come from apt when missing). Nothing else installs them, so the test
# suite never reaches npm: without them a test fails saying how to get them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
graphql_version=16.15.0
schema_version=15.26.1
tools=${BACKFILL_TOOLS_DIR:-$root/build/tools}
modules=$tools/node_modules

apt_install() {
  echo "installing: $*" >&2
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

version_of() {
  [[ -f "$modules/$1/package.json" ]] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$modules/$1/package.json"
}

installed() {
  command -v node >/dev/null && [[ "$(version_of graphql)" == "$graphql_version" &&
                                   "$(version_of @octokit/graphql-schema)" == "$schema_version" ]]
}

install_tools() {
  local missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
  mkdir -p "$tools"
  # Parallel runs share the directory (and its package.json): one installs at a time.
  exec 9>"$tools/.graphql-tools.lock"
  flock 9
  if ! installed; then
    echo "installing graphql@$graphql_version @octokit/graphql-schema@$schema_version into $tools" >&2
    npm install --prefix "$tools" "graphql@$graphql_version" \
        "@octokit/graphql-schema@$schema_version" --no-audit --no-fund --ignore-scripts >&2 \
      || { echo "graphql-tools: npm install failed" >&2; exit 2; }
  fi
  flock -u 9
}

require_tools() {
  if ! installed; then
    echo "graphql-tools: graphql@$graphql_version and @octokit/graphql-schema@$schema_version" \
         "are not installed: run scripts/graphql-tools.sh --install (scripts/test.sh does)" \
         "[looked in $modules]" >&2
    exit 2
  fi
}

case "${1:-}" in
  --install)
    install_tools
    ;;
  --where)
    require_tools
    echo "$modules"
    ;;
  --check)
    shift
    [[ $# -gt 0 ]] || { echo "graphql-tools: --check needs query files" >&2; exit 2; }
    require_tools
    exec node "$root/tests/fake_graphql/check-queries.mjs" "$modules" "$@"
    ;;
  *)
    echo "usage: scripts/graphql-tools.sh --install | --where | --check FILE..." >&2
    exit 2
    ;;
esac
