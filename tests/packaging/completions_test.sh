#!/usr/bin/env bash
# The bash and zsh completions offer the binary's real subcommands and
# options (read from its --help), complete the option under the cursor for
# the subcommand typed, and leave option values to the user.
#   completions_test.sh BACKFILL_BINARY SOURCE_DIR
set -euo pipefail
binary=${1:?backfill binary}
src=${2:?source dir}
failures=0
check() {  # check DESCRIPTION ACTUAL EXPECTED
  if [[ "$2" == "$3" ]]; then
    echo "ok: $1"
  else
    echo "FAIL: $1: expected '$3', got '$2'" >&2
    failures=$((failures + 1))
  fi
}

# What --help lists, to compare with what the completions offer.
subcommands=$("$binary" --help | sed -n '/^Subcommands:/,$ s/^  \([a-z][a-z-]*\) .*$/\1/p' | sort | tr '\n' ' ')
[[ "$subcommands" == *"check-migration-status"* ]] || { echo "FAIL: no subcommands in --help" >&2; exit 1; }

# bash: drive the completion function as readline would.
complete_bash() {
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
    _backfill
    ((${#COMPREPLY[@]})) && printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ \
    "$src/packaging/completions/backfill.bash" "$binary" "$@"
}
check "bash: every subcommand" "$(complete_bash "")" "$subcommands"
check "bash: a subcommand by prefix" "$(complete_bash ch)" "check-migration-status "
check "bash: options of the subcommand typed" "$(complete_bash status --j)" "--json "
check "bash: options of work" "$(complete_bash work --u)" "--until-empty "
check "bash: top-level options after a subcommand" "$(complete_bash track --database)" "--database-url "
check "bash: no subcommand option elsewhere" "$(complete_bash rate-limit --u)" ""
check "bash: both spellings of a flag pair" "$(complete_bash --no-rep)" "--no-report-issues "
check "bash: a value is the user's" "$(complete_bash --repo "")" ""
check "bash: a value is not a subcommand" "$(complete_bash --repo status --al)" ""
check "bash: --log-format values" "$(complete_bash --log-format "")" "json text "

# Every option of every subcommand's --help is offered after it.
for sub in $subcommands; do
  want=$({ "$binary" "$sub" --help; "$binary" --help; } | sed -n '/^Options:/,/^Subcommands:/ s/^  \(-[^ ]*\).*$/\1/p' \
    | tr ',' '\n' | sed -e 's/{[^}]*}$//' | grep '^--' | sort -u | tr '\n' ' ')
  check "bash: every option of $sub" "$(complete_bash "$sub" --)" "$want"
done

# zsh: the script parses, and its helpers list the same subcommands and
# options (the completion widget itself needs an interactive shell).
if command -v zsh >/dev/null; then
  zsh -n "$src/packaging/completions/_backfill" && echo "ok: zsh: syntax"
  zsh_list() { zsh -c 'source "$1"; shift; "$@"' _ "$src/packaging/completions/_backfill" "$@"; }
  check "zsh: every subcommand" "$(zsh_list _backfill_subcommands "$binary" | cut -d: -f1 | sort | tr '\n' ' ')" "$subcommands"
  for sub in status work check-migration-status; do
    want=$({ "$binary" "$sub" --help; "$binary" --help; } | sed -n '/^Options:/,/^Subcommands:/ s/^  \(-[^ ]*\).*$/\1/p' \
      | tr ',' '\n' | sed -e 's/{[^}]*}$//' | sort -u | tr '\n' ' ')
    check "zsh: every option of $sub" "$(zsh_list _backfill_options "$binary" "$sub" | cut -d: -f1 | sort | tr '\n' ' ')" "$want"
  done
  check "zsh: an option's description" "$(zsh_list _backfill_options "$binary" status | grep '^--json:')" "--json:JSON instead of a table"
else
  echo "FAIL: zsh is not installed (scripts/install-deps.sh --test installs it)" >&2
  failures=$((failures + 1))
fi

[[ $failures -eq 0 ]] || { echo "$failures failure(s)" >&2; exit 1; }
echo "completions_test: all passed"
