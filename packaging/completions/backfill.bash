# bash completion for backfill                              -*- shell-script -*-
# Subcommands and options are read from backfill's own --help (and
# `backfill SUBCOMMAND --help`), so they follow the installed version.

# Prints the subcommands of `$1 --help`, one a line.
_backfill_subcommands() {
  "$1" --help 2>/dev/null | sed -n '/^Subcommands:/,$ s/^  \([a-z][a-z-]*\) .*$/\1/p'
}

# Prints the options of `$1 [$2] --help` and of the top level (which CLI11
# accepts after a subcommand too), one a line: --repo, --no-report-issues...
_backfill_options() {
  {
    "$1" --help 2>/dev/null
    [[ -n "$2" ]] && "$1" "$2" --help 2>/dev/null
  } | sed -n '/^Options:/,/^Subcommands:/ s/^  \(-[^ ]*\).*$/\1/p' \
    | tr ',' '\n' | sed -e 's/{[^}]*}$//' -e '/^--\?$/d' | sort -u
}

# Prints the options of `$1 [$2] --help` that take a value (TEXT, INT...).
_backfill_value_options() {
  {
    "$1" --help 2>/dev/null
    [[ -n "$2" ]] && "$1" "$2" --help 2>/dev/null
  } | sed -n '/^Options:/,/^Subcommands:/ s/^  \(-[^ ]*\) [A-Z].*$/\1/p' | tr ',' '\n' | sort -u
}

_backfill() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  local program=${COMP_WORDS[0]}
  command -v "$program" >/dev/null 2>&1 || program=backfill

  local subcommands values sub="" i
  subcommands=$(_backfill_subcommands "$program")
  for ((i = 1; i < COMP_CWORD; i++)); do
    if grep -qx -- "${COMP_WORDS[i]}" <<<"$subcommands"; then
      sub=${COMP_WORDS[i]}
      break
    fi
    # The word after --repo and the like is a value, not a subcommand.
    [[ ${COMP_WORDS[i]} == -* ]] && grep -qx -- "${COMP_WORDS[i]}" \
      <<<"$(_backfill_value_options "$program")" && ((i++))
  done

  case $prev in
    --log-format)
      mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur")
      return ;;
    --event-path)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return ;;
  esac
  values=$(_backfill_value_options "$program" "$sub")
  if [[ $prev == -* ]] && grep -qx -- "$prev" <<<"$values"; then
    return  # a value of the user's own
  fi

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_backfill_options "$program" "$sub")" -- "$cur")
  elif [[ -z $sub ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$subcommands" -- "$cur")
  fi
}

complete -F _backfill backfill
