#!/usr/bin/env bash
# Downloads a release's .deb and SHA256SUMS (both REST API asset URLs) into
# DIR, unless a cache already restored them there, and verifies the .deb
# against SHA256SUMS: a package that does not match is deleted, never used.
#   fetch-release.sh DIR ASSET_NAME ASSET_URL SUMS_URL
#   BACKFILL_TOKEN   a token to read the release (optional; never printed)
# Prints the verified package's path.
set -euo pipefail
dir=${1:?directory}
asset=${2:?asset name}
asset_url=${3:?asset url}
sums_url=${4:?SHA256SUMS url}
mkdir -p "$dir"

download() {  # download URL FILE
  # The API answers an asset URL with a redirect to the file's storage; curl
  # does not send the Authorization header on to another host.
  curl -sS -f -L --retry 3 --max-time 300 -o "$2.part" \
    -H "Accept: application/octet-stream" \
    --config <(if [[ -n "${BACKFILL_TOKEN:-}" ]]; then
                 printf 'header = "Authorization: Bearer %s"\n' "$BACKFILL_TOKEN"
               fi) \
    "$1" || { rm -f "$2.part"; echo "::error title=backfill action::downloading $(basename "$2") failed" >&2; exit 1; }
  mv "$2.part" "$2"
}

[[ -f "$dir/SHA256SUMS" ]] || download "$sums_url" "$dir/SHA256SUMS"
[[ -f "$dir/$asset" ]] || download "$asset_url" "$dir/$asset"

# The line for exactly this file ("HASH  NAME" or "HASH *NAME").
line=$(awk -v name="$asset" 'length($1) == 64 && $1 ~ /^[0-9a-f]+$/ && ($2 == name || $2 == "*" name)' "$dir/SHA256SUMS")
if [[ -z "$line" ]]; then
  rm -f "$dir/$asset" "$dir/SHA256SUMS"
  echo "::error title=backfill action::SHA256SUMS has no line for $asset" >&2
  exit 1
fi
if ! (cd "$dir" && sha256sum --check --strict --quiet <<<"$line") >&2; then
  rm -f "$dir/$asset" "$dir/SHA256SUMS"
  echo "::error title=backfill action::$asset does not match its SHA256SUMS checksum: not installing it" >&2
  exit 1
fi
echo "$dir/$asset"
