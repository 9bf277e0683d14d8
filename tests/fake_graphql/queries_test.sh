#!/usr/bin/env bash
# CTest entries for the GraphQL query checker (scripts/graphql-tools.sh --check).
#   queries_test.sh validate SOURCE_DIR [WRITER]
#       every src/github/graphql/*.graphql (the product's queries; the directory
#       must hold at least one once it exists) and tests/fake_graphql/fixtures/*.graphql
#       pass GitHub's schema and rules; with WRITER (write_follow_up_queries),
#       so do the generated follow-up queries it writes (1 slot, the most slots)
#   queries_test.sh rejects FILE EXPECTED_TEXT
#       the checker rejects FILE (exit 1) with a finding containing EXPECTED_TEXT
#   queries_test.sh rejects-generated WRITER TEMPLATE FIELD MISSPELT EXPECTED_TEXT
#       the queries WRITER generates from a copy of TEMPLATE (the product's
#       own) with FIELD misspelt as MISSPELT are rejected in the same way
# BACKFILL_TOOLS_DIR names the tools directory (scripts/test.sh installs them there).
set -euo pipefail
mode=${1:?mode}
src=${2:?path}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
check() { "$root/scripts/graphql-tools.sh" --check "$@"; }

# The follow-up queries WRITER generates (from TEMPLATE when given), one
# file path per line, in a scratch directory removed on exit.
generated=()
generate() {
  local writer=$1
  shift
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mapfile -t generated < <("$writer" "$scratch" "$@")
  if [[ ${#generated[@]} -eq 0 ]]; then
    echo "FAIL: $writer wrote no query" >&2
    exit 1
  fi
}

expect_rejection() {
  local expected=$1
  shift
  set +e
  output=$(check "$@" 2>&1)
  status=$?
  set -e
  echo "$output"
  if [[ $status -ne 1 ]]; then
    echo "FAIL: expected exit 1 (findings) for $*, got $status" >&2
    exit 1
  fi
  if ! grep -qF -- "$expected" <<<"$output"; then
    echo "FAIL: no finding containing: $expected" >&2
    exit 1
  fi
  echo "rejected as expected"
}

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
    if [[ -n "${3:-}" ]]; then
      generate "$3"
      files+=("${generated[@]}")
      echo "checking ${#generated[@]} generated follow-up quer(ies)"
    fi
    check "${files[@]}"
    ;;
  rejects)
    expect_rejection "${3:?expected text}" "$src"
    ;;
  rejects-generated)
    template=${3:?template}
    field=${4:?field}
    misspelt=${5:?misspelt field}
    expected=${6:?expected text}
    misspelt_template=$(mktemp)
    sed "s/\b$field\b/$misspelt/" "$template" >"$misspelt_template"
    if cmp -s "$template" "$misspelt_template"; then
      rm -f "$misspelt_template"
      echo "FAIL: $template has no field $field to misspell" >&2
      exit 1
    fi
    generate "$src" "$misspelt_template"
    rm -f "$misspelt_template"
    expect_rejection "$expected" "${generated[@]}"
    ;;
  *)
    echo "usage: queries_test.sh validate SOURCE_DIR [WRITER] | rejects FILE EXPECTED_TEXT" \
         "| rejects-generated WRITER TEMPLATE FIELD MISSPELT EXPECTED_TEXT" >&2
    exit 2
    ;;
esac
