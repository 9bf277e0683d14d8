#!/usr/bin/env bash
# The composite action (action.yml) and its scripts (packaging/action/):
#  - its metadata is a valid composite action with the documented inputs and
#    outputs (scripts/check-action.py), its steps pass actionlint and its
#    scripts shellcheck; broken copies fail each check;
#  - run.sh turns inputs into flags and environment and becomes backfill
#    (exec): against the fake GitHub server, outputs, resume, a SIGINT that
#    reaches the binary, rejected inputs, and a token that never shows;
#  - find-release.sh / fetch-release.sh resolve the action's ref to a release
#    and verify the package, against a loopback fake of the releases API.
#   action_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=${1:?build dir}
src=${2:?source dir}
binary=$build/backfill
fake_github=$build/tests/fake_github
work=$(mktemp -d /tmp/backfill-action.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do { kill "$pid" && wait "$pid"; } 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_in() {  # expect_in DESCRIPTION TEXT NEEDLE
  if grep -qF -- "$3" <<<"$2"; then ok "$1"; else bad "$1: no '$3' in: $2"; fi
}
wait_for_file() {
  local _
  for _ in $(seq 600); do [[ -s "$1" ]] && return 0; sleep 0.05; done
  return 1
}

inputs=repository,with,chunk-size,max-chunks,time-budget,restart,database-url,token,report-issues,continue-via-dispatch,install-only
outputs=status,processed,expected,requests,exit-code,binary
# Debian's python3, where scripts/install-deps.sh --test puts python3-yaml.
py=python3
[[ -x /usr/bin/python3 ]] && py=/usr/bin/python3
check_action() {  # check_action FILE [extra args]
  "$py" "$src/scripts/check-action.py" "$1" --require-inputs "$inputs" --require-outputs "$outputs" "${@:2}"
}
export BACKFILL_TOOLS_DIR=$build/tools  # where scripts/test.sh installed actionlint

echo "== the metadata, actionlint, shellcheck"
if check_action "$src/action.yml" --workflow "$work/action-workflow.yml" --scripts "$work/steps"; then
  ok "check-action: action.yml"
else
  bad "check-action rejects action.yml"
fi
if out=$(shellcheck "$src"/packaging/action/*.sh "$work"/steps/*.sh 2>&1); then
  ok "shellcheck: packaging/action/*.sh and the inline run scripts"
else
  bad "shellcheck: $out"
fi

# A copy of action.yml with one edit (Python: exact, once) must fail
# check-action, or (with "actionlint") pass it and fail actionlint, which
# then runs once over all of them (it takes seconds to start).
actionlint_files=("$work/action-workflow.yml")
declare -A actionlint_expect
broken() {  # broken NAME FROM TO EXPECTED_FINDING [actionlint]
  local copy=$work/broken-$1.yml out
  python3 - "$src/action.yml" "$copy" "$2" "$3" <<'EOF'
import sys
source, copy, old, new = sys.argv[1:5]
text = open(source, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"action.yml has {text.count(old)} occurrences of: {old}")
open(copy, "w", encoding="utf-8").write(text.replace(old, new))
EOF
  if [[ "${5:-}" == actionlint ]]; then
    check_action "$copy" --workflow "$copy.workflow.yml" >/dev/null 2>&1 || { bad "$1: check-action rejected it first"; return; }
    actionlint_files+=("$copy.workflow.yml")
    actionlint_expect[$copy.workflow.yml]="$1|$4"
    return
  else
    out=$(check_action "$copy" 2>&1) && { bad "$1: check-action passed it"; return; }
  fi
  expect_in "rejected: $1" "$out" "$4"
}
broken run-without-shell "      if: inputs.install-only != 'true'
      shell: bash" "      if: inputs.install-only != 'true'" "has 'run' but no 'shell:'"
broken output-without-value '    value: ${{ steps.run.outputs.status }}' '' "output 'status' has no value:"
broken not-composite 'using: composite' 'using: node20' "runs.using must be 'composite'"
broken expression-in-run 'run: exec "$GITHUB_ACTION_PATH/packaging/action/run.sh"' \
  'run: exec "$GITHUB_ACTION_PATH/packaging/action/run.sh" --repo "${{ inputs.repository }}"' "inside 'run:'"
broken undeclared-input 'INPUT_CHUNK_SIZE: ${{ inputs.chunk-size }}' 'INPUT_CHUNK_SIZE: ${{ inputs.chunk-sizes }}' \
  "inputs.chunk-sizes is referenced but not declared"
broken unknown-step 'value: ${{ steps.run.outputs.status }}' 'value: ${{ steps.runs.outputs.status }}' \
  "steps.runs is referenced but no step has that id"
broken missing-input '  max-chunks:
    description' '  max-chunk:
    description' "input 'max-chunks' is missing"
broken step-timeout '      id: release
' '      id: release
      timeout-minutes: 5
' "composite steps do not support"
broken cache-input-typo 'path: ${{ runner.temp }}/backfill-release' 'pat: ${{ runner.temp }}/backfill-release' \
  'input "pat" is not defined in action "actions/cache@v4"' actionlint
broken context-typo 'BACKFILL_ACTION_REF: ${{ github.action_ref }}' 'BACKFILL_ACTION_REF: ${{ github.action_reference }}' \
  'property "action_reference" is not defined' actionlint

status=0
out=$("$src/scripts/lint-workflows.sh" "${actionlint_files[@]}" 2>&1) || status=$?
if [[ $status -eq 1 ]] && ! grep -q "^$work/action-workflow.yml:" <<<"$out"; then
  ok "actionlint: the action's steps (as a workflow)"
else
  bad "actionlint on the action's steps: exit $status: $out"
fi
for file in "${!actionlint_expect[@]}"; do
  expect_in "rejected by actionlint: ${actionlint_expect[$file]%%|*}" "$(grep "^$file:" <<<"$out")" \
    "${actionlint_expect[$file]#*|}"
done

echo "== run.sh: inputs to flags, against the fake GitHub server"
"$fake_github" --repo "pack/demo:250" --port-file "$work/github-port" 2>"$work/github.log" &
pids+=($!)
wait_for_file "$work/github-port" || { cat "$work/github.log" >&2; exit 1; }
"$fake_github" --repo "pack/slow:250" --latency-ms 300 --port-file "$work/slow-port" 2>"$work/slow.log" &
pids+=($!)
wait_for_file "$work/slow-port" || { cat "$work/slow.log" >&2; exit 1; }
# The event names another repository: the action passes --repo, which wins.
echo '{"inputs": {"repository": "pack/other"}}' >"$work/event.json"
token=action-test-secret-token-7f3a

run_action() {  # run_action NAME VAR=VALUE... ; leaves $work/NAME.{out,err,outputs} and $status
  local name=$1
  shift
  : >"$work/$name.outputs"
  status=0
  env -i PATH="$PATH" HOME="$work" GITHUB_ACTIONS=true GITHUB_OUTPUT="$work/$name.outputs" \
    GITHUB_STEP_SUMMARY="$work/$name.summary" GITHUB_REPOSITORY=pack/ci \
    GITHUB_EVENT_NAME=workflow_dispatch GITHUB_EVENT_PATH="$work/event.json" \
    GITHUB_API_URL="http://127.0.0.1:$(cat "$work/github-port")" BACKFILL_BINARY="$binary" \
    INPUT_REPOSITORY=pack/demo INPUT_WITH= INPUT_CHUNK_SIZE=40 INPUT_MAX_CHUNKS=2 INPUT_TIME_BUDGET=5h45m \
    INPUT_RESTART=false INPUT_REPORT_ISSUES=false INPUT_CONTINUE_VIA_DISPATCH=false \
    INPUT_DATABASE_URL="sqlite:$work/action.db" INPUT_TOKEN="$token" "$@" \
    bash "$src/packaging/action/run.sh" >"$work/$name.out" 2>"$work/$name.err" || status=$?
}
output_of() { sed -n "s/^$2=//p" "$work/$1.outputs"; }
stored() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM pull_requests").fetchone()[0])' "$1"; }

run_action first
if [[ $status -eq 75 && "$(output_of first status)" == paused && "$(output_of first processed)" == 80 \
      && "$(output_of first exit_code)" == 75 && "$(stored "$work/action.db")" == 80 ]]; then
  ok "max-chunks 2 x chunk-size 40: paused at 80 PRs, exit 75, outputs written"
else
  bad "first run: exit $status, outputs: $(tr '\n' ' ' <"$work/first.outputs") $(cat "$work/first.err")"
fi
run_action second INPUT_MAX_CHUNKS=
if [[ $status -eq 0 && "$(output_of second status)" == completed && "$(output_of second processed)" == 250 \
      && "$(output_of second expected)" == 250 && "$(output_of second requests)" -gt 0 \
      && "$(stored "$work/action.db")" == 250 ]]; then
  ok "resumed to completion: 250 PRs, exit 0"
else
  bad "second run: exit $status, outputs: $(tr '\n' ' ' <"$work/second.outputs") $(cat "$work/second.err")"
fi
run_action job-database INPUT_DATABASE_URL= DATABASE_URL="sqlite:$work/job.db" INPUT_MAX_CHUNKS=1 INPUT_RESTART=true
if [[ $status -eq 75 && -f "$work/job.db" && "$(stored "$work/job.db")" == 40 ]]; then
  ok "an empty database-url input keeps the job's DATABASE_URL"
else
  bad "job DATABASE_URL: exit $status $(cat "$work/job-database.err")"
fi
# Only in ::add-mask:: (the runner hides it from then on, and shows no such line).
if grep -vh '^::add-mask::' "$work"/*.out "$work"/*.err "$work"/*.outputs "$work"/*.summary | grep -qF -- "$token" \
   || grep -qF -- "$token" "$work"/*.db; then
  bad "the token appears in an output, log, summary or database"
else
  ok "the token appears in no output, log, summary or database"
fi

run_action with INPUT_WITH=labels
[[ $status -eq 2 ]] && expect_in "an unknown word in 'with' fails with exit 2" "$(cat "$work/with.out")" \
  "::error title=backfill action::the 'with' input: unknown word 'labels'" \
  || bad "with: exit $status"
run_action restart INPUT_RESTART=yes
[[ $status -eq 2 ]] && expect_in "restart must be true or false" "$(cat "$work/restart.out")" \
  "the 'restart' input must be true or false, got 'yes'" || bad "restart=yes: exit $status"
run_action norepo INPUT_REPOSITORY=
[[ $status -eq 2 ]] && expect_in "repository is required" "$(cat "$work/norepo.out")" \
  "the 'repository' input is required" || bad "empty repository: exit $status"
run_action chunk INPUT_CHUNK_SIZE=500
[[ $status -eq 2 ]] && expect_in "backfill itself rejects chunk-size 500" "$(cat "$work/chunk.err")" "--chunk-size" \
  || bad "chunk-size 500: exit $status"
check_inputs() {  # check_inputs VAR=VALUE... ; run.sh --check, before anything is installed
  status=0
  checked=$(env -i PATH="$PATH" INPUT_REPOSITORY=pack/demo "$@" bash "$src/packaging/action/run.sh" --check 2>&1) || status=$?
}
check_inputs INPUT_WITH=labels
[[ $status -eq 2 ]] && ok "--check rejects a misspelt 'with' before anything is installed" || bad "--check with: exit $status"
check_inputs INPUT_WITH=reviews,comments
[[ $status -eq 0 ]] && ok "--check passes 'with: reviews,comments'" || bad "--check with=reviews,comments: exit $status: $checked"
check_inputs
[[ $status -eq 0 ]] && ok "--check passes good inputs" || bad "--check: exit $status: $checked"
check_inputs INPUT_REPOSITORY= INPUT_INSTALL_ONLY=true
[[ $status -eq 0 ]] && ok "install-only needs no repository" || bad "install-only: exit $status: $checked"
check_inputs INPUT_INSTALL_ONLY=maybe
[[ $status -eq 2 ]] && expect_in "install-only must be true or false" "$checked" "got 'maybe'" || bad "install-only=maybe: exit $status"

# exec: the process the runner signals is backfill itself.
: >"$work/signal.outputs"
env -i PATH="$PATH" HOME="$work" GITHUB_ACTIONS=true GITHUB_OUTPUT="$work/signal.outputs" \
  GITHUB_STEP_SUMMARY="$work/signal.summary" GITHUB_REPOSITORY=pack/ci \
  GITHUB_API_URL="http://127.0.0.1:$(cat "$work/slow-port")" BACKFILL_BINARY="$binary" \
  INPUT_REPOSITORY=pack/slow INPUT_CHUNK_SIZE=10 INPUT_REPORT_ISSUES=false INPUT_CONTINUE_VIA_DISPATCH=false \
  INPUT_DATABASE_URL="sqlite:$work/signal.db" INPUT_TOKEN="$token" \
  bash "$src/packaging/action/run.sh" >"$work/signal.out" 2>"$work/signal.err" &
runner_child=$!
became=""
for _ in $(seq 600); do
  if [[ "$(readlink "/proc/$runner_child/exe" 2>/dev/null)" == "$(readlink -f "$binary")" ]]; then
    became=yes
    break
  fi
  sleep 0.05
done
# Interrupt once the first page is being fetched (its 300 ms latency).
for _ in $(seq 600); do grep -q "pack/slow" "$work/signal.err" 2>/dev/null && break; sleep 0.05; done
kill -INT "$runner_child"
status=0
wait "$runner_child" || status=$?
if [[ -n "$became" && $status -eq 75 && "$(output_of signal status)" == paused ]]; then
  ok "run.sh became backfill (exec); SIGINT to it: paused, exit 75"
else
  bad "exec/SIGINT: became='$became' exit $status outputs: $(tr '\n' ' ' <"$work/signal.outputs") $(cat "$work/signal.err")"
fi

echo "== find-release.sh / fetch-release.sh against a fake releases API"
sha_release=1111111111111111111111111111111111111111
sha_old=2222222222222222222222222222222222222222
sha_main=3333333333333333333333333333333333333333
deb_name=backfill_1.2.3-1.debian12_amd64.deb
mkdir -p "$work/assets"
head -c 4096 /dev/urandom >"$work/assets/$deb_name"
head -c 4096 /dev/urandom >"$work/assets/backfill_1.2.3-1.ubuntu22.04_amd64.deb"
(cd "$work/assets" && sha256sum backfill_1.2.3-1.ubuntu22.04_amd64.deb "$deb_name" >SHA256SUMS)
cat >"$work/releases.json" <<EOF
{"repo": "pack/backfill",
 "refs": {"v1.2.3": "$sha_release", "v1": "$sha_release", "v1.2.2": "$sha_old", "main": "$sha_main"},
 "tags": {"v1.2.3": "$sha_release", "v1": "$sha_release", "v1.2.2": "$sha_old"},
 "releases": {
   "v1.2.3": {"$deb_name": "$work/assets/$deb_name",
              "backfill_1.2.3-1.ubuntu22.04_amd64.deb": "$work/assets/backfill_1.2.3-1.ubuntu22.04_amd64.deb",
              "SHA256SUMS": "$work/assets/SHA256SUMS"},
   "v1.2.2": {"backfill_1.2.2-1.debian12_amd64.deb": "$work/assets/$deb_name"}}}
EOF
python3 "$src/tests/packaging/fake_releases.py" "$work/releases.json" "$work/releases-port" "$work/releases.log" &
pids+=($!)
wait_for_file "$work/releases-port" || exit 1
releases_api="http://127.0.0.1:$(cat "$work/releases-port")"

find_release() {  # find_release VAR=VALUE... ; sets $found (stdout+stderr) and $status
  status=0
  found=$(env -i PATH="$PATH" GITHUB_API_URL="$releases_api" BACKFILL_DISTRO=debian12 \
            BACKFILL_ACTION_REPOSITORY=pack/backfill "$@" \
            bash "$src/packaging/action/find-release.sh" 2>&1) || status=$?
}
find_release BACKFILL_ACTION_REF=v1.2.3 GITHUB_OUTPUT="$work/find.outputs" BACKFILL_TOKEN="$token"
expect_in "@v1.2.3: its release" "$found" "found=true"
expect_in "@v1.2.3: the package for this distribution" "$found" "asset=$deb_name"
expect_in "@v1.2.3: written to GITHUB_OUTPUT" "$(cat "$work/find.outputs")" "tag=v1.2.3"
expect_in "the token went to the API" "$(cat "$work/releases.log")" "GET /repos/pack/backfill/releases/tags/v1.2.3 auth"
grep -qF -- "$token" <<<"$found" && bad "find-release printed the token" || ok "find-release does not print the token"
asset_url=$(sed -n 's/^asset-url=//p' <<<"$found")
sums_url=$(sed -n 's/^sums-url=//p' <<<"$found")

find_release BACKFILL_ACTION_REF=v1
expect_in "@v1 (a moving tag): the release on its commit" "$found" "tag=v1.2.3"
find_release BACKFILL_ACTION_REF= GITHUB_ACTION_PATH=/home/runner/work/_actions/pack/backfill/v1 BACKFILL_ACTION_REPOSITORY=
expect_in "ref and repository from GITHUB_ACTION_PATH" "$found" "tag=v1.2.3"
find_release BACKFILL_ACTION_REF=main
[[ $status -eq 0 ]] && expect_in "@main: no release, build from source" "$found" "found=false" || bad "@main: exit $status"
expect_in "@main: why" "$found" "is not a release"
find_release BACKFILL_ACTION_REF=no-such-branch
expect_in "an unknown ref: build from source" "$found" "reason=no commit 'no-such-branch'"
find_release BACKFILL_ACTION_REF=v9.9.9
expect_in "a tag without a release" "$found" "reason=pack/backfill has no release v9.9.9"
find_release BACKFILL_ACTION_REF=v1.2.3 BACKFILL_DISTRO=ubuntu24.04
expect_in "no package for this distribution" "$found" "no package for ubuntu24.04"
find_release BACKFILL_ACTION_REF= BACKFILL_ACTION_REPOSITORY= GITHUB_ACTION_PATH=/home/runner/work/backfill/backfill
expect_in "uses: ./ builds from source" "$found" "reason=a local action"
find_release BACKFILL_ACTION_REF=v1.2.2
[[ $status -eq 1 ]] && expect_in "a release without SHA256SUMS is refused" "$found" "refusing to install an unverified package" \
  || bad "v1.2.2 without SHA256SUMS: exit $status, $found"

fetch() {  # fetch DIR ; sets $fetched and $status
  status=0
  fetched=$(env -i PATH="$PATH" BACKFILL_TOKEN="$token" \
              bash "$src/packaging/action/fetch-release.sh" "$1" "$deb_name" "$asset_url" "$sums_url" 2>&1) || status=$?
}
fetch "$work/cache"
if [[ $status -eq 0 && "$fetched" == "$work/cache/$deb_name" ]] && cmp -s "$fetched" "$work/assets/$deb_name"; then
  ok "fetch: downloaded (through the asset redirect) and verified"
else
  bad "fetch: exit $status: $fetched"
fi
downloads=$(grep -c '^GET /storage/' "$work/releases.log")
fetch "$work/cache"
[[ $status -eq 0 && "$(grep -c '^GET /storage/' "$work/releases.log")" == "$downloads" ]] \
  && ok "fetch: a cached package is verified, not downloaded again" || bad "fetch from cache: exit $status: $fetched"
printf 'tampered' >>"$work/cache/$deb_name"
fetch "$work/cache"
if [[ $status -eq 1 && ! -e "$work/cache/$deb_name" ]]; then
  expect_in "fetch: a package that does not match SHA256SUMS is deleted and refused" "$fetched" "does not match its SHA256SUMS"
else
  bad "fetch of a tampered package: exit $status: $fetched"
fi
mkdir -p "$work/nosum"
cp "$work/assets/$deb_name" "$work/nosum/"
grep -v "$deb_name" "$work/assets/SHA256SUMS" >"$work/nosum/SHA256SUMS"
fetch "$work/nosum"
[[ $status -eq 1 ]] && expect_in "fetch: SHA256SUMS without the package's line" "$fetched" "SHA256SUMS has no line for $deb_name" \
  || bad "fetch without a checksum line: exit $status"

[[ $failures -eq 0 ]] || { echo "$failures failure(s)" >&2; exit 1; }
echo "action_test: all passed in ${SECONDS}s"
