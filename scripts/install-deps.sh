#!/usr/bin/env bash
# Installs the Debian packages backfill needs, only those missing.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also the test suite's (GoogleTest, PostgreSQL server,
#                                    clang-format for scripts/format.sh and its test, promtool
#                                    (prometheus) for `backfill serve`'s /metrics, and the
#                                    packaging checks': lintian, shellcheck, zsh, python3-yaml)
#   scripts/install-deps.sh --bench  also the benchmark's (GNU time for peak RSS)
#   scripts/install-deps.sh --package  also what CPack needs for the .deb (help2man, dpkg-shlibdeps, file)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config ca-certificates libcpp-httplib-dev
          libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libpqxx-dev libcli11-dev
          libspdlog-dev libsqlite3-dev)
if [[ "${1:-}" == "--test" || "${1:-}" == "--bench" ]]; then
  packages+=(libgtest-dev libgmock-dev postgresql clang-format)
fi
if [[ "${1:-}" == "--test" || "${1:-}" == "--package" ]]; then
  packages+=(help2man dpkg-dev file gzip)
fi
if [[ "${1:-}" == "--test" ]]; then
  packages+=(lintian shellcheck zsh python3 python3-yaml git prometheus)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(time)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
