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
tools=$(realpath -m "${BACKFILL_TOOLS_DIR:-$root/build/tools}")
modules=$tools/node_modules

# shellcheck source=lib/npm-tools.sh
source "$root/scripts/lib/npm-tools.sh"
pinned=("graphql@$graphql_version" "@octokit/graphql-schema@$schema_version")

installed() {
  npm_pinned "$tools" "${pinned[@]}"
}

install_tools() {
  npm_install_pinned graphql-tools "$tools" "${pinned[@]}"
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
