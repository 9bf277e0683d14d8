# Sourced by the scripts that fetch test tools from npm (lint-workflows.sh,
# graphql-tools.sh, lint-dockerfile.sh, browser-test-tools.sh): Debian
# packages when missing, then pinned npm packages into a prefix. One lock
# per prefix, whichever script installs, so parallel runs never race on the
# same node_modules (npm rewrites its package.json on every install).

# apt_install PACKAGE...: as root, or through sudo.
apt_install() {
  echo "installing: $*" >&2
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# npm_version PREFIX PACKAGE: the version installed in PREFIX, or nothing.
npm_version() {
  local manifest=$1/node_modules/$2/package.json
  [[ -f "$manifest" ]] || return 0
  node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1])).version)' \
    "$manifest"
}

# npm_pinned PREFIX PACKAGE@VERSION...: true when node is there and every
# package is installed at exactly its version.
npm_pinned() {
  local prefix=$1 spec
  shift
  command -v node >/dev/null || return 1
  for spec in "$@"; do
    [[ "$(npm_version "$prefix" "${spec%@*}")" == "${spec##*@}" ]] || return 1
  done
}

# npm_install_pinned WHO PREFIX PACKAGE@VERSION...: node and npm from Debian
# when missing, then the packages unless all are already there. Exits 2,
# naming WHO, when npm fails.
npm_install_pinned() {
  local who=$1 prefix=$2
  shift 2
  local missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
  mkdir -p "$prefix"
  (
    flock 9
    if ! npm_pinned "$prefix" "$@"; then
      echo "installing $* into $prefix" >&2
      npm install --prefix "$prefix" "$@" --no-audit --no-fund --ignore-scripts >&2 ||
        { echo "$who: npm install $* failed" >&2; exit 2; }
    fi
  ) 9>"$prefix/.npm-install.lock"
}
