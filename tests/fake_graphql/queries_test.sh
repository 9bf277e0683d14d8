#!/usr/bin/env bash
# CTest entries for the GraphQL query checker (scripts/graphql-tools.sh --check).
#   queries_test.sh validate SOURCE_DIR WRITER
#       tests/fake_graphql/fixtures/*.graphql and every text the program can
#       send, as WRITER (write_graphql_queries) writes them from the binary's
#       own (each src/github/graphql/*.graphql with the shared fragments, the
#       follow-up query for 1 slot and for the most), pass GitHub's schema and
#       rules; WRITER must write one text per query file (the follow-up
#       template's two), so no query file goes unchecked
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
    writer=${3:?writer}
    files=("$root"/tests/fake_graphql/fixtures/*.graphql)
    shopt -s nullglob
    product=("$src"/src/github/graphql/*.graphql)
    shopt -u nullglob
    if [[ ${#product[@]} -eq 0 ]]; then
      echo "FAIL: $src/src/github/graphql holds no *.graphql query" >&2
      exit 1
    fi
    generate "$writer"
    if [[ ${#generated[@]} -ne $((${#product[@]} + 1)) ]]; then
      echo "FAIL: $writer wrote ${#generated[@]} texts for ${#product[@]} query files" \
           "(expected one each, two for the follow-up template)" >&2
      exit 1
    fi
    echo "checking ${#generated[@]} texts the program sends, from ${#product[@]} query files"
    files+=("${generated[@]}")
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
    echo "usage: queries_test.sh validate SOURCE_DIR WRITER | rejects FILE EXPECTED_TEXT" \
         "| rejects-generated WRITER TEMPLATE FIELD MISSPELT EXPECTED_TEXT" >&2
    exit 2
    ;;
esac
