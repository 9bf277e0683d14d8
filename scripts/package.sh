#!/usr/bin/env bash
# A release build: installs what is missing, runs the whole test suite
# (scripts/test.sh), then packages exactly the binary it tested.
#   scripts/package.sh [DIR]     packages into DIR (default dist/):
#     backfill_<version>-1.<distro>_amd64.deb, backfill-<version>-<distro>-<arch>.tar.gz
# The version comes from the git tag (cmake/Version.cmake); on a tag build in
# GitHub Actions (GITHUB_REF_TYPE=tag) it must be the tag's, or this fails.
# SOURCE_DATE_EPOCH defaults to the commit's time, so the build date, the man
# page and the changelog do not depend on when the build ran.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

"$root/scripts/install-deps.sh" --test
if [[ -z "${SOURCE_DATE_EPOCH:-}" ]] && epoch=$(git -C "$root" log -1 --format=%ct 2>/dev/null); then
  export SOURCE_DATE_EPOCH=$epoch
fi
"$root/scripts/test.sh"

(cd "$root/build" && cpack -B "$out" >/dev/null)
rm -rf "$out/_CPack_Packages"

deb=$(ls "$out"/backfill_*_amd64.deb)
version=$(dpkg-deb -f "$deb" Version)
if [[ "${GITHUB_REF_TYPE:-}" == tag && "${version%-*}" != "${GITHUB_REF_NAME#v}" ]]; then
  echo "package.sh: the package is version ${version%-*}, the tag is $GITHUB_REF_NAME" >&2
  exit 1
fi
"$root/build/backfill" --version
ls -l "$out"
