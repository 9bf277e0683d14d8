#!/usr/bin/env bash
# Installs a verified backfill .deb with apt, which brings exactly the
# libraries its Depends name (and ca-certificates, for HTTPS). Nothing to do
# when that very version is installed already (a self-hosted runner).
#   install-package.sh PATH.deb
set -euo pipefail
deb=${1:?path of the .deb}
[[ "$deb" == /* ]] || deb=$PWD/$deb  # apt takes a path, not a package name, only with a slash

want=$(dpkg-deb -f "$deb" Version)
have=$(dpkg-query -W -f='${Version}' backfill 2>/dev/null || true)
if [[ "$have" == "$want" ]]; then
  echo "backfill $want is installed already"
  exit 0
fi
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends ca-certificates "$deb"
