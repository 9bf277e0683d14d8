#!/usr/bin/env bash
# Benchmark: backfill generated repositories from the fake GitHub server into
# SQLite and into PostgreSQL (a throwaway server), printing for each run the
# wall time, PRs per second, requests made (against the floor ceil(N/100)+2)
# and peak RSS. Not a test: it asserts nothing, it measures.
#   bench/run.sh [N]      N defaults to 100000; a 1,000-PR run is measured too
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-100000}

"$root/scripts/build.sh" --test >/dev/null
"$root/scripts/install-deps.sh" --bench

work=$(mktemp -d /tmp/backfill-bench.XXXXXX)
pgdir=$(mktemp -d /tmp/backfill-bench-pg.XXXXXX)  # apart: the server's user must reach it
fake_pid=""
cleanup() {
  [[ -n "$fake_pid" ]] && kill "$fake_pid" 2>/dev/null || true
  "$root/scripts/pg-test-server.sh" stop "$pgdir" || true
  rm -rf "$work"
}
trap cleanup EXIT

eval "$("$root/scripts/pg-test-server.sh" start "$pgdir")"
pg_url=$BACKFILL_TEST_PG_URL

"$root/build/tests/fake_github" --repo "bench/small:1000" --repo "bench/large:$n" \
  --port-file "$work/port" &
fake_pid=$!
for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.05; done
api="http://127.0.0.1:$(cat "$work/port")"

printf '%-9s %8s %9s %9s %9s %8s %12s\n' backend PRs wall_s PRs/s requests floor peak_RSS_MiB
for backend in sqlite postgres; do
  for size in 1000 "$n"; do
    repo=bench/large
    [[ "$size" == 1000 ]] && repo=bench/small
    if [[ "$backend" == sqlite ]]; then
      db="sqlite:$work/$size.db"
    else
      db="$pg_url"
    fi
    # A fresh token per run: each gets the full 5,000-request budget.
    GITHUB_TOKEN="bench-$backend-$size" /usr/bin/time -f '%e %M' -o "$work/time" \
      "$root/build/backfill" --repo "$repo" --api-url "$api" --database-url "$db" -q >"$work/result"
    read -r wall rss_kb <"$work/time"
    requests=$(sed -E 's/.*"requests":([0-9]+).*/\1/' "$work/result")
    processed=$(sed -E 's/.*"processed":([0-9]+).*/\1/' "$work/result")
    floor=$(( (size + 99) / 100 + 2 ))
    awk -v b="$backend" -v n="$processed" -v w="$wall" -v r="$requests" -v f="$floor" -v m="$rss_kb" \
      'BEGIN { printf "%-9s %8d %9.2f %9.0f %9d %8d %12.1f\n", b, n, w, (w > 0 ? n / w : 0), r, f, m / 1024 }'
    if [[ "$backend" == postgres ]]; then
      psql -q "$pg_url" -c "DROP VIEW IF EXISTS active_backfills; DROP TABLE IF EXISTS backfill_chunks, backfill_runs, pull_requests, contributors, backfill_progress, repositories, schema_migrations CASCADE;" >/dev/null 2>&1 || true
    fi
  done
done
