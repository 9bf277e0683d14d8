#!/usr/bin/env bash
# CTest entries for the GraphQL query checker (scripts/graphql-tools.sh --check).
#   queries_test.sh validate SOURCE_DIR
#       every src/github/graphql/*.graphql (the product's queries; the directory
#       must hold at least one once it exists) and tests/fake_graphql/fixtures/*.graphql
#       pass GitHub's schema and rules
#   queries_test.sh rejects FILE EXPECTED_TEXT
#       the checker rejects FILE (exit 1) with a finding containing EXPECTED_TEXT
# BACKFILL_TOOLS_DIR names the tools directory (scripts/test.sh installs them there).
set -euo pipefail
mode=${1:?mode}
src=${2:?path}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
check() { "$root/scripts/graphql-tools.sh" --check "$@"; }

case "$mode" in
  validate)
    files=("$root"/tests/fake_graphql/fixtures/*.graphql)
    queries=$src/src/github/graphql
    if [[ -d "$queries" ]]; then
      shopt -s nullglob
      product=("$queries"/*.graphql)
      shopt -u nullglob
      if [[ ${#product[@]} -eq 0 ]]; then
        echo "FAIL: $queries exists but holds no *.graphql query" >&2
        exit 1
      fi
      files+=("${product[@]}")
      echo "checking ${#product[@]} product quer(ies) in $queries"
    else
      echo "no $queries yet: checking the fixtures only"
    fi
    check "${files[@]}"
    ;;
  rejects)
    expected=${3:?expected text}
    set +e
    output=$(check "$src" 2>&1)
    status=$?
    set -e
    echo "$output"
    if [[ $status -ne 1 ]]; then
      echo "FAIL: expected exit 1 (findings) for $src, got $status" >&2
      exit 1
    fi
    if ! grep -qF -- "$expected" <<<"$output"; then
      echo "FAIL: no finding containing: $expected" >&2
      exit 1
    fi
    echo "rejected as expected"
    ;;
  *)
    echo "usage: queries_test.sh validate SOURCE_DIR | rejects FILE EXPECTED_TEXT" >&2
    exit 2
    ;;
esac
