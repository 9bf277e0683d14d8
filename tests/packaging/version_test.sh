#!/usr/bin/env bash
# cmake/Version.cmake: the version comes from the nearest vX.Y.Z tag, with the
# commits since it; the project() version without a tag or without git; the
# date from SOURCE_DATE_EPOCH.
#   version_test.sh SOURCE_DIR
set -euo pipefail
src=${1:?source dir}
work=$(mktemp -d /tmp/backfill-version.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0

# Prints NAME=VALUE lines for the source tree $1.
version_of() {
  cmake -DSOURCE_DIR="$1" -DFALLBACK_VERSION=0.1.0 -P "$src/cmake/Version.cmake" 2>&1
}

expect() {  # expect DESCRIPTION OUTPUT LINE
  if grep -qxF -- "$3" <<<"$2"; then
    echo "ok: $1: $3"
  else
    echo "FAIL: $1: expected the line '$3' in:" >&2
    printf '  %s\n' "$2" >&2
    failures=$((failures + 1))
  fi
}

repo=$work/repo
git init -q "$repo"
g() { git -C "$repo" -c user.name=t -c user.email=t@example.invalid "$@"; }
g commit -q --allow-empty -m one
first=$(g rev-parse --short=7 HEAD)

out=$(version_of "$work/no-such-dir")
expect "no git" "$out" "BACKFILL_FULL_VERSION=0.1.0"
expect "no git" "$out" "BACKFILL_COMMIT=unknown"

out=$(version_of "$repo")
expect "no tag" "$out" "BACKFILL_FULL_VERSION=0.1.0"
expect "no tag" "$out" "BACKFILL_COMMIT=$first"

g tag -a v1.2.3 -m "release 1.2.3"
out=$(version_of "$repo")
expect "on a tag" "$out" "BACKFILL_VERSION=1.2.3"
expect "on a tag" "$out" "BACKFILL_FULL_VERSION=1.2.3"

g commit -q --allow-empty -m two
g commit -q --allow-empty -m three
head=$(g rev-parse --short=7 HEAD)
g tag v1  # a moving major tag (the action's @v1) is not a version
g tag not-a-version
out=$(version_of "$repo")
expect "after a tag" "$out" "BACKFILL_VERSION=1.2.3"
expect "after a tag" "$out" "BACKFILL_FULL_VERSION=1.2.3+2.g$head"
expect "after a tag" "$out" "BACKFILL_COMMIT=$head"

out=$(SOURCE_DATE_EPOCH=1780000000 version_of "$repo")
expect "SOURCE_DATE_EPOCH" "$out" "BACKFILL_BUILD_DATE=2026-05-28"
out=$(version_of "$repo")
expect "today" "$out" "BACKFILL_BUILD_DATE=$(date -u +%Y-%m-%d)"

mkdir "$work/tarball"
out=$(BACKFILL_GIT_DESCRIBE=v2.0.1 BACKFILL_GIT_COMMIT=abcdef0123 version_of "$work/tarball")
expect "no .git, version given" "$out" "BACKFILL_FULL_VERSION=2.0.1"
expect "no .git, version given" "$out" "BACKFILL_COMMIT=abcdef0"

out=$(BACKFILL_GIT_DESCRIBE=release-7 version_of "$work/tarball")
expect "not a version" "$out" "BACKFILL_FULL_VERSION=0.1.0"

[[ $failures -eq 0 ]] || { echo "$failures failure(s)" >&2; exit 1; }
echo "version_test: all passed"
