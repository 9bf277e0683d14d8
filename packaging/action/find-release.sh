#!/usr/bin/env bash
# Finds the released .deb that matches the ref the action was used at
# (`uses: OWNER/backfill@v1.2.3`, `@v1`, `@main`, `@<sha>`) and this runner's
# distribution, through the GitHub REST API.
#   BACKFILL_ACTION_REPOSITORY  OWNER/NAME of the action (github.action_repository)
#   BACKFILL_ACTION_REF         the ref it was used at (github.action_ref)
#     Both are empty for a local action (uses: ./) and, on some runners, in
#     composite actions: then they are read from GITHUB_ACTION_PATH,
#     .../_actions/OWNER/NAME/REF.
#   GITHUB_API_URL              the API (default https://api.github.com)
#   BACKFILL_TOKEN              a token to read the release (optional; never printed)
#   BACKFILL_DISTRO             debian12, ubuntu22.04...; default from /etc/os-release
# Prints KEY=VALUE lines (and appends them to GITHUB_OUTPUT when set):
#   found=true  tag=vX.Y.Z asset=NAME asset-url=URL sums-url=URL
#   found=false reason=WHY     (no release for the ref: build from source)
# Exits 1 when a release exists but cannot be used safely (no SHA256SUMS), or
# the API fails in a way that is not "not found".
set -euo pipefail
api=${GITHUB_API_URL:-https://api.github.com}
repo=${BACKFILL_ACTION_REPOSITORY:-}
ref=${BACKFILL_ACTION_REF:-}

result() {
  local line
  for line in "$@"; do
    echo "$line"
    [[ -n "${GITHUB_OUTPUT:-}" ]] && echo "$line" >>"$GITHUB_OUTPUT"
  done
  return 0
}
not_found() {
  result found=false "reason=$1"
  exit 0
}

if [[ -z "$repo" || -z "$ref" ]]; then
  path=${GITHUB_ACTION_PATH:-}
  if [[ "$path" == */_actions/*/*/* ]]; then
    rest=${path#*/_actions/}
    repo=${rest%%/*}/$(cut -d/ -f2 <<<"$rest")
    ref=$(cut -d/ -f3- <<<"$rest")
  fi
fi
[[ -n "$repo" && -n "$ref" ]] || not_found "a local action (uses: ./ or a path) has no release"

# A bare container (debian:12) lacks curl and jq; runners have them.
missing=()
command -v curl >/dev/null || missing+=(curl ca-certificates)
command -v jq >/dev/null || missing+=(jq)
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

distro=${BACKFILL_DISTRO:-}
if [[ -z "$distro" && -r /etc/os-release ]]; then
  # shellcheck source=/dev/null
  distro=$(. /etc/os-release && echo "${ID:-}${VERSION_ID:-}")
fi
[[ -n "$distro" ]] || not_found "cannot tell this runner's distribution (no /etc/os-release)"

# GET $1 (an API path) into $2; prints the HTTP status. The token goes in a
# curl config read from a pipe, never on a command line or in the log.
get() {
  local accept=${3:-application/vnd.github+json}
  curl -sS -L --retry 3 --max-time 60 -o "$2" -w '%{http_code}' \
    -H "Accept: $accept" -H "X-GitHub-Api-Version: 2022-11-28" \
    --config <(if [[ -n "${BACKFILL_TOKEN:-}" ]]; then
                 printf 'header = "Authorization: Bearer %s"\n' "$BACKFILL_TOKEN"
               fi) \
    "$api$1"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
api_failed() {
  echo "::error title=backfill action::GET $1 answered HTTP $2: $(head -c 300 "$work/body" 2>/dev/null)" >&2
  exit 1
}

is_release_tag() { [[ "$1" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; }

tag=""
if is_release_tag "$ref"; then
  tag=$ref
else
  # A moving tag (v1), a branch or a commit: the release tag on the same commit.
  status=$(get "/repos/$repo/commits/$ref" "$work/body" application/vnd.github.sha)
  case "$status" in
    200) sha=$(tr -d '[:space:]' <"$work/body") ;;
    404 | 422) not_found "no commit '$ref' in $repo" ;;
    *) api_failed "/repos/$repo/commits/$ref" "$status" ;;
  esac
  for page in $(seq 1 10); do
    status=$(get "/repos/$repo/tags?per_page=100&page=$page" "$work/body")
    [[ "$status" == 200 ]] || api_failed "/repos/$repo/tags" "$status"
    [[ "$(jq length "$work/body")" -gt 0 ]] || break
    jq -r --arg sha "$sha" '.[] | select(.commit.sha == $sha) | .name' "$work/body" >>"$work/tags"
  done
  touch "$work/tags"
  tag=$(grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' "$work/tags" | sort -V | tail -n 1 || true)
  [[ -n "$tag" ]] || not_found "$repo@$ref ($sha) is not a release (no vX.Y.Z tag on it)"
fi

status=$(get "/repos/$repo/releases/tags/$tag" "$work/body")
case "$status" in
  200) ;;
  404) not_found "$repo has no release $tag" ;;
  *) api_failed "/repos/$repo/releases/tags/$tag" "$status" ;;
esac
asset="backfill_${tag#v}-1.${distro}_amd64.deb"
asset_url=$(jq -r --arg name "$asset" '.assets[] | select(.name == $name) | .url' "$work/body")
sums_url=$(jq -r '.assets[] | select(.name == "SHA256SUMS") | .url' "$work/body")
[[ -n "$asset_url" ]] || not_found "release $tag of $repo has no $asset (no package for $distro)"
if [[ -z "$sums_url" ]]; then
  echo "::error title=backfill action::release $tag of $repo has no SHA256SUMS: refusing to install an unverified package" >&2
  exit 1
fi
result found=true "tag=$tag" "asset=$asset" "asset-url=$asset_url" "sums-url=$sums_url"
