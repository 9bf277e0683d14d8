#!/usr/bin/env bash
# The packages CPack makes of this build: the .deb passes lintian (no
# errors), declares its shared-library Depends, installs (dpkg -x into a
# scratch root, never the machine's) with its man page, completions and doc
# directory; the installed binary prints its version and backfills a
# repository from the fake GitHub server into SQLite. The tarball holds the
# same files.
#   deb_test.sh BUILD_DIR SOURCE_DIR FAKE_GITHUB
set -euo pipefail
build=${1:?build dir}
src=${2:?source dir}
fake_github=${3:?fake_github executable}
work=$(mktemp -d /tmp/backfill-deb.XXXXXX)
fake_pid=""
cleanup() {
  [[ -z "$fake_pid" ]] || { kill "$fake_pid" && wait "$fake_pid"; } 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '== %s (%ds)\n' "$*" "$SECONDS"; }

step "cpack DEB and TGZ"
(cd "$build" && cpack -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
debs=("$work"/out/backfill_*_amd64.deb)
tgzs=("$work"/out/backfill-*.tar.gz)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "expected one backfill_*_amd64.deb, got: $(ls "$work/out")"
[[ ${#tgzs[@]} -eq 1 && -f "${tgzs[0]}" ]] || fail "expected one backfill-*.tar.gz, got: $(ls "$work/out")"
deb=${debs[0]}
echo "built $(basename "$deb") and $(basename "${tgzs[0]}")"

step "control fields"
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
echo "Version: $version"
echo "Depends: $depends"
[[ "$(basename "$deb")" == "backfill_${version}_amd64.deb" ]] || fail "file name does not carry Version $version"
[[ "$(dpkg-deb -f "$deb" Package)" == backfill ]] || fail "Package is not backfill"
for library in libc6 libstdc++6 libcurl4 libpqxx libsqlite3-0; do
  grep -q "^$library\| $library" <<<"$depends" || fail "Depends lacks $library (dpkg-shlibdeps): $depends"
done

step "lintian"
# --fail-on error: warnings are reported, errors fail the test.
if ! lintian --fail-on error --info "$deb" >"$work/lintian.log" 2>&1; then
  cat "$work/lintian.log" >&2
  fail "lintian reported errors"
fi
grep -E '^[EW]:' "$work/lintian.log" || true
echo "lintian: $(grep -c '^E:' "$work/lintian.log" || true) error(s), $(grep -c '^W:' "$work/lintian.log" || true) warning(s)"

step "install into a scratch root (dpkg -x)"
root=$work/root
dpkg -x "$deb" "$root"
for file in usr/bin/backfill usr/share/man/man1/backfill.1.gz \
            usr/share/bash-completion/completions/backfill usr/share/zsh/vendor-completions/_backfill \
            usr/share/doc/backfill/copyright usr/share/doc/backfill/changelog.Debian.gz \
            usr/share/doc/backfill/README.md; do
  [[ -f "$root/$file" ]] || fail "the package lacks /$file"
done
grep -q "^License: Expat" "$root/usr/share/doc/backfill/copyright" || fail "copyright without the MIT (Expat) licence"
zcat "$root/usr/share/man/man1/backfill.1.gz" | grep -q '^\.SS "backfill check-migration-status"' \
  || fail "the man page has no section for check-migration-status"
zcat "$root/usr/share/man/man1/backfill.1.gz" | grep -q '^\.SH "EXIT STATUS"' \
  || fail "the man page has no EXIT STATUS section"

step "the installed backfill --version"
installed=$root/usr/bin/backfill
line=$("$installed" --version)
echo "$line"
upstream=${version%-*}  # Version without the Debian revision
[[ "$line" =~ ^backfill\ ([^ ]+)\ \(commit\ ([0-9a-f]{7}|unknown),\ built\ ([0-9]{4}-[0-9]{2}-[0-9]{2})\)$ ]] \
  || fail "--version is not 'backfill VERSION (commit HASH, built YYYY-MM-DD)': $line"
[[ "${BASH_REMATCH[1]}" == "$upstream" ]] || fail "--version says ${BASH_REMATCH[1]}, the package $upstream"
if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
  commit=$(git -C "$src" rev-parse --short=7 HEAD)
  [[ "${BASH_REMATCH[2]}" == "$commit" ]] || fail "--version names commit ${BASH_REMATCH[2]}, HEAD is $commit"
fi

step "one backfill against the fake GitHub server"
prs=250
"$fake_github" --repo "pack/demo:$prs" --port-file "$work/port" 2>"$work/fake.log" &
fake_pid=$!
for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.05; done
[[ -s "$work/port" ]] || { cat "$work/fake.log" >&2; fail "the fake GitHub server did not start"; }
db=$work/backfill.db
status=0
env -i PATH=/usr/bin:/bin HOME="$work" GITHUB_TOKEN=deb-test-token \
  "$installed" --repo pack/demo --api-url "http://127.0.0.1:$(cat "$work/port")" \
  --database-url "sqlite:$db" -q >"$work/result" 2>"$work/stderr" || status=$?
[[ $status -eq 0 ]] || { cat "$work/stderr" >&2; fail "the installed backfill exited $status"; }
stored=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM pull_requests").fetchone()[0])' "$db")
[[ "$stored" == "$prs" ]] || fail "stored $stored PRs, expected $prs"
echo "stored $stored PRs; $(cat "$work/result")"

step "the tarball"
tar -tzf "${tgzs[0]}" >"$work/tgz.list"
top=$(basename "${tgzs[0]}" .tar.gz)
for file in bin/backfill share/man/man1/backfill.1.gz share/doc/backfill/copyright \
            share/bash-completion/completions/backfill; do
  grep -qx "$top/$file" "$work/tgz.list" || fail "the tarball lacks $top/$file"
done
echo "deb_test: all passed in ${SECONDS}s"
