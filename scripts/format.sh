#!/usr/bin/env bash
# Formats every tracked C++ file under include/ src/ tests/ bench/ with
# clang-format (Debian's clang-format 14) and the repository's .clang-format.
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; list the files that differ, exit 1 if any
# Exit codes: 0 formatted (or nothing to change), 1 files differ (--check),
# 2 usage or setup error.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
clang_format=${CLANG_FORMAT:-clang-format}

check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "usage: scripts/format.sh [--check]" >&2; exit 2 ;;
esac
command -v "$clang_format" >/dev/null || {
  echo "format: $clang_format is not installed (scripts/install-deps.sh --test installs it)" >&2
  exit 2
}

cd "$root"
# Tracked files when this is a git checkout (the root of one); every file
# otherwise (a source tarball, a test's scratch tree).
list_sources() {
  if [[ "$(git rev-parse --show-toplevel 2>/dev/null)" == "$root" ]]; then
    git ls-files -- include src tests bench
  else
    find include src tests bench -type f 2>/dev/null | LC_ALL=C sort
  fi
}
files=()
while IFS= read -r f; do
  if [[ "$f" =~ \.(cpp|hpp|cc|h)$ && -f "$f" ]]; then files+=("$f"); fi
done < <(list_sources)
[[ ${#files[@]} -gt 0 ]] || { echo "format: no C++ files found under $root" >&2; exit 2; }

if ! $check; then
  "$clang_format" -i --style=file "${files[@]}"
  exit 0
fi

differ=()
for f in "${files[@]}"; do
  "$clang_format" --style=file "$f" | cmp -s - "$f" || differ+=("$f")
done
if [[ ${#differ[@]} -gt 0 ]]; then
  printf '%s\n' "${differ[@]}"
  echo "format: ${#differ[@]} of ${#files[@]} file(s) differ from .clang-format (run scripts/format.sh)" >&2
  exit 1
fi
echo "format: ${#files[@]} file(s) formatted" >&2
