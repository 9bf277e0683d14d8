#!/usr/bin/env bash
# The action's backfill step: turns the action's inputs (INPUT_* variables,
# set by action.yml) into backfill's flags and environment, then becomes the
# backfill process (exec), so the runner's SIGINT/SIGTERM on cancellation
# reach it: it commits or rolls back its chunk, records `paused` and exits 75.
#   BACKFILL_BINARY   the binary to run (installed package or source build)
#   INPUT_REPOSITORY, INPUT_WITH, INPUT_CHUNK_SIZE, INPUT_MAX_CHUNKS,
#   INPUT_TIME_BUDGET, INPUT_RESTART, INPUT_REPORT_ISSUES,
#   INPUT_CONTINUE_VIA_DISPATCH, INPUT_DATABASE_URL, INPUT_TOKEN
#   run.sh --check   only checks the inputs (before anything is installed);
#                    INPUT_INSTALL_ONLY=true: no repository needed
# Exits 2 (usage) for an input it cannot pass on; otherwise backfill's own
# exit code (0 completed, 75 paused and resumable, 2 usage, 1 failed).
set -euo pipefail

usage_error() {
  echo "::error title=backfill action::$1"
  exit 2
}

# --with: checked here as well as by backfill, so that --check refuses a
# misspelt word before anything is installed.
if [[ -n "${INPUT_WITH:-}" ]]; then
  IFS=',' read -ra with_words <<<"$INPUT_WITH"
  for word in "${with_words[@]}"; do
    word="${word// /}"
    case "$word" in
      details | reviews | comments | all | '') ;;
      *) usage_error "the 'with' input: unknown word '$word' (expected a comma list of details, reviews, comments, all)" ;;
    esac
  done
fi
case "${INPUT_INSTALL_ONLY:-false}" in
  true) [[ "${1:-}" == --check ]] && exit 0 ;;
  false) ;;
  *) usage_error "the 'install-only' input must be true or false, got '$INPUT_INSTALL_ONLY'" ;;
esac
[[ -n "${INPUT_REPOSITORY:-}" ]] || usage_error "the 'repository' input is required (OWNER/NAME) unless install-only is true"

args=(--repo "$INPUT_REPOSITORY")
[[ -n "${INPUT_CHUNK_SIZE:-}" ]] && args+=(--chunk-size "$INPUT_CHUNK_SIZE")
[[ -n "${INPUT_MAX_CHUNKS:-}" ]] && args+=(--max-chunks "$INPUT_MAX_CHUNKS")
[[ -n "${INPUT_TIME_BUDGET:-}" ]] && args+=(--time-budget "$INPUT_TIME_BUDGET")
[[ -n "${INPUT_WITH:-}" ]] && args+=(--with "$INPUT_WITH")

# A boolean input: 'true' or 'false' (or empty: backfill's default).
boolean() {  # boolean INPUT_NAME VALUE FLAG_IF_TRUE FLAG_IF_FALSE
  case "$2" in
    true) [[ -n "$3" ]] && args+=("$3") ;;
    false) [[ -n "$4" ]] && args+=("$4") ;;
    '') ;;
    *) usage_error "the '$1' input must be true or false, got '$2'" ;;
  esac
  return 0
}
boolean restart "${INPUT_RESTART:-}" --restart ""
boolean report-issues "${INPUT_REPORT_ISSUES:-}" --report-issues --no-report-issues
boolean continue-via-dispatch "${INPUT_CONTINUE_VIA_DISPATCH:-}" \
  --continue-via-dispatch --no-continue-via-dispatch

# Secrets travel in the environment, never on the command line. An empty
# input leaves a DATABASE_URL the job itself set alone.
if [[ -n "${INPUT_DATABASE_URL:-}" ]]; then
  echo "::add-mask::$INPUT_DATABASE_URL"
  export DATABASE_URL=$INPUT_DATABASE_URL
fi
if [[ -n "${INPUT_TOKEN:-}" ]]; then
  export GITHUB_TOKEN=$INPUT_TOKEN
fi
unset INPUT_DATABASE_URL INPUT_TOKEN

[[ "${1:-}" == --check ]] && exit 0
binary=${BACKFILL_BINARY:?BACKFILL_BINARY is not set}
exec "$binary" "${args[@]}"
