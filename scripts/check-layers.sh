#!/usr/bin/env bash
# Checks that the source layers only depend downward:
#   core <- github <- store <- engine <- actions <- fleet <- cli <- main
# A file in src/<layer>/ or include/backfill/<layer>/ (main: src/main.cpp) may
# include "backfill/<other>/..." or the private "<other>/..." only when
# <other> is its own layer or a lower one, and CMakeLists.txt may link
# backfill_<layer> only to lower layers' libraries.
#   scripts/check-layers.sh [ROOT]   ROOT: the source tree (default: this repository)
# Prints each violation as `file:line: what` and exits 1 when there is any;
# 0 when clean; 2 on a usage error.
set -euo pipefail
root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
[[ $# -le 1 && -d "$root/src" ]] || { echo "usage: scripts/check-layers.sh [ROOT] (ROOT/src must exist)" >&2; exit 2; }
cd "$root"

layers="core github store engine actions fleet cli main"

mapfile -t sources < <(find src include/backfill -type f \
                         \( -name '*.cpp' -o -name '*.hpp' -o -name '*.cc' -o -name '*.h' \) \
                         2>/dev/null | LC_ALL=C sort)
[[ ${#sources[@]} -gt 0 ]] || { echo "check-layers: no sources under $root/src or $root/include/backfill" >&2; exit 2; }
cmake_files=()
[[ -f CMakeLists.txt ]] && cmake_files=(CMakeLists.txt)

# One awk over every source file, then over CMakeLists.txt: a file's layer
# comes from its path, an include's from its first directory.
awk -v layers="$layers" -v cmake_file="${cmake_files[0]:-}" '
  BEGIN {
    n = split(layers, names, " ")
    for (i = 1; i <= n; i++) rank[names[i]] = i
    bad = 0
  }
  function layer_of(path,   parts) {
    if (path == "src/main.cpp") return "main"
    split(path, parts, "/")
    if (parts[1] == "src" && (parts[2] in rank) && parts[2] != "main" && 3 in parts) return parts[2]
    if (parts[1] == "include" && parts[2] == "backfill" && (parts[3] in rank) && parts[3] != "main" && 4 in parts) return parts[3]
    return ""
  }
  FNR == 1 && FILENAME != cmake_file {
    file_layer = layer_of(FILENAME)
    if (file_layer == "") {
      printf "%s:1: belongs to no layer (known: %s)\n", FILENAME, layers
      bad = 1
    }
  }
  FILENAME != cmake_file && /^[ \t]*#[ \t]*include[ \t]*["<]/ && file_layer != "" {
    line = $0
    sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
    quote = substr(line, 1, 1)
    target = substr(line, 2)
    sub(/[">].*/, "", target)
    split(target, parts, "/")
    to = ""
    if (parts[1] == "backfill" && (3 in parts)) to = parts[2]
    else if (quote == "\"" && (2 in parts)) to = parts[1]
    if (!(to in rank) || to == "main") next
    if (rank[to] > rank[file_layer]) {
      text = $0
      sub(/[ \t]+$/, "", text)
      printf "%s:%d: %s (%s may not include %s)\n", FILENAME, FNR, text, file_layer, to
      bad = 1
    }
  }
  # target_link_libraries(backfill_X PUBLIC a b ...), possibly over several lines.
  FILENAME == cmake_file {
    if (!in_link && $0 ~ /target_link_libraries[ \t]*\(/) {
      in_link = 1; link_text = ""; link_line = FNR
    }
    if (in_link) {
      link_text = link_text " " $0
      if ($0 ~ /\)/) {
        in_link = 0
        text = link_text
        sub(/#.*/, "", text)
        sub(/.*target_link_libraries[ \t]*\(/, "", text)
        sub(/\).*/, "", text)
        m = split(text, words, /[ \t]+/)
        owner = ""
        for (k = 1; k <= m; k++) {
          if (words[k] == "") continue
          if (owner == "") {
            owner = words[k]
            sub(/^backfill_/, "", owner)
            if (!(owner in rank) || owner == "main" || words[k] !~ /^backfill_/) break
            continue
          }
          dep = words[k]
          if (dep !~ /^backfill_/) continue
          sub(/^backfill_/, "", dep)
          if ((dep in rank) && rank[dep] >= rank[owner]) {
            printf "%s:%d: backfill_%s links backfill_%s (%s may only link lower layers)\n", FILENAME, link_line, owner, dep, owner
            bad = 1
          }
        }
      }
    }
  }
  END { exit bad }
' "${sources[@]}" "${cmake_files[@]}" && status=0 || status=$?

if [[ $status -eq 0 ]]; then
  echo "check-layers: ${#sources[@]} file(s), layers respected ($layers)" >&2
elif [[ $status -eq 1 ]]; then
  echo "check-layers: layer violations above (order, lowest first: $layers)" >&2
fi
exit "$status"
