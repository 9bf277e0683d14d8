#!/usr/bin/env bash
# The Dockerfile: it passes scripts/lint-dockerfile.sh (dockerfile-utils and
# the project's rules), builds with the project's scripts and ships only the
# package; and each kind of mistake, made in a copy, fails the lint.
# (No Docker daemon here: the image itself is built by the release workflow.)
#   dockerfile_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=${1:?build dir}
src=${2:?source dir}
export BACKFILL_TOOLS_DIR=$build/tools  # where scripts/test.sh installed the linter
work=$(mktemp -d /tmp/backfill-dockerfile.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if out=$("$src/scripts/lint-dockerfile.sh" "$src/Dockerfile" 2>&1); then
  ok "the Dockerfile lints clean"
else
  bad "lint of the Dockerfile: $out"
fi

# What the image promises: built by the project's scripts, the runtime stage
# installs the built .deb (so exactly its Depends), runs as non-root
# backfill; and the build context leaves out build trees and .git.
dockerfile=$(cat "$src/Dockerfile")
for want in "FROM debian:12 AS build" "scripts/install-deps.sh --package" "scripts/build.sh --package" \
            "cpack -G DEB" "FROM debian:12-slim" "COPY --from=build /packages/backfill_*_amd64.deb" \
            'ENTRYPOINT ["/usr/bin/backfill"]' "USER 10001:10001"; do
  grep -qF -- "$want" <<<"$dockerfile" && ok "Dockerfile: $want" || bad "the Dockerfile lacks: $want"
done
for want in .git build; do
  grep -qx -- "$want" "$src/.dockerignore" && ok ".dockerignore: $want" || bad ".dockerignore lacks $want"
done

# One edit (exact, once) in a copy; the lint must fail naming the mistake.
broken() {  # broken NAME FROM TO EXPECTED
  local copy=$work/Dockerfile.$1 out
  python3 - "$src/Dockerfile" "$copy" "$2" "$3" <<'PY'
import sys
source, copy, old, new = sys.argv[1:5]
text = open(source, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"Dockerfile has {text.count(old)} occurrences of: {old}")
open(copy, "w", encoding="utf-8").write(text.replace(old, new))
PY
  if out=$("$src/scripts/lint-dockerfile.sh" "$copy" 2>&1); then
    bad "$1: the lint passed it"
  elif grep -qF -- "$4" <<<"$out"; then
    ok "rejected: $1"
  else
    bad "$1: no '$4' in: $out"
  fi
}
broken context-in-runtime "COPY --from=build /packages/backfill_*_amd64.deb /tmp/" "COPY . /tmp/" \
  "COPY of the build context into the final stage"
broken unpinned-base "FROM debian:12-slim" "FROM debian" "FROM debian has no tag"
broken latest-base "FROM debian:12 AS build" "FROM debian:latest AS build" "pin a version, not latest"
broken fat-runtime "FROM debian:12-slim" "FROM debian:12" "not a -slim image"
broken root-user "USER 10001:10001" "USER root" "must not run as root"
broken no-user "USER 10001:10001" "" "sets no USER"
broken apt-lists-kept " && rm -rf /var/lib/apt/lists/* /tmp/backfill_*_amd64.deb \\" " && rm -f /tmp/backfill_*_amd64.deb \\" \
  "the apt lists are not removed"
broken recommends "apt-get install -y --no-install-recommends" "apt-get install -y" "without --no-install-recommends"
broken add-url "COPY . ." "ADD https://example.invalid/src.tar.gz ." "ADD of a URL"
broken shell-entrypoint 'ENTRYPOINT ["/usr/bin/backfill"]' 'ENTRYPOINT /usr/bin/backfill' "ENTRYPOINT in shell form"
broken unknown-instruction "WORKDIR /data" "WORKDIRR /data" "Unknown instruction: WORKDIRR"
broken bad-flag "COPY --from=build" "COPY --fromm=build" "Unknown flag: fromm"

[[ $failures -eq 0 ]] || { echo "$failures failure(s)" >&2; exit 1; }
echo "dockerfile_test: all passed"
