#!/usr/bin/env bash
# Benchmark: backfill generated repositories from the fake GitHub server into
# SQLite and into PostgreSQL (a throwaway server), printing for each run the
# wall time, PRs per second, requests made (against the floor ceil(N/100)+2)
# and peak RSS. Not a test: it asserts nothing, it measures.
#   bench/run.sh [N]      N defaults to 100000; a 1,000-PR run is measured too
#   bench/run.sh --workers [M]
#                         `backfill work` over 8 repositories of M PRs each
#                         (default 20000) into PostgreSQL, the fake server
#                         answering every request 50 ms after it arrives: 1 worker,
#                         then 4, and the ratio of their wall times
#   bench/run.sh --serve [M]
#                         one repository of M PRs (default 20000), the fake server
#                         answering each request 20 ms after it arrives, into SQLite then PostgreSQL:
#                         the chunk rate without `backfill serve`, then with it
#                         and 100 live viewers (bench/serve_clients.py), and
#                         their ratio
#   bench/run.sh --refresh [R]
#                         `backfill refresh --all` over R tracked repositories
#                         (default 1000) of 30 PRs each, backfilled and refreshed
#                         once, after 10 of them changed (a PR retitled): requests
#                         made, how many GitHub answered 304, rate-limit points
#                         spent (read before and after from GET /rate_limit, which
#                         is free) and wall time, on SQLite and on PostgreSQL
#   bench/run.sh --depth [N]
#                         one repository of N PRs (default 10000) with children
#                         spread as GitHub's (0-8 reviews, 0-12 conversation
#                         comments, 0-10 review comments; 1% of PRs 150+ of
#                         each), the fake server answering every request 100 ms
#                         after it arrives (its own work included):
#                         `backfill` list-only, then `backfill --with all`, into
#                         SQLite then PostgreSQL. Prints the calls made, the
#                         rate-limit cost (GraphQL points + REST requests, read
#                         from GET /rate_limit before and after, which is free)
#                         per 100 PRs beside what REST alone would cost for the
#                         same data, the wall time against calls x latency,
#                         PRs/s and peak RSS
# BACKFILL_BENCH_BUILD=DIR uses the binaries already built in DIR instead of
# building into build/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode="prs"
if [[ "${1:-}" == "--workers" ]]; then
  mode=workers
  shift
elif [[ "${1:-}" == "--refresh" ]]; then
  mode=refresh
  shift
elif [[ "${1:-}" == "--depth" ]]; then
  mode=depth
  shift
elif [[ "${1:-}" == "--serve" ]]; then
  mode=serve
  shift
fi
n=${1:-100000}
build=${BACKFILL_BENCH_BUILD:-$root/build}

[[ -n "${BACKFILL_BENCH_BUILD:-}" ]] || "$root/scripts/build.sh" --test >/dev/null
"$root/scripts/install-deps.sh" --bench

work=$(mktemp -d /tmp/backfill-bench.XXXXXX)
pgdir=$(mktemp -d /tmp/backfill-bench-pg.XXXXXX)  # apart: the server's user must reach it
fake_pid=""
serve_pid=""
clients_pid=""
cleanup() {
  [[ -n "$clients_pid" ]] && kill "$clients_pid" 2>/dev/null || true
  [[ -n "$serve_pid" ]] && kill "$serve_pid" 2>/dev/null || true
  [[ -n "$fake_pid" ]] && kill "$fake_pid" 2>/dev/null || true
  "$root/scripts/pg-test-server.sh" stop "$pgdir" || true
  rm -rf "$work"
}
trap cleanup EXIT

eval "$("$root/scripts/pg-test-server.sh" start "$pgdir")"
pg_url=$BACKFILL_TEST_PG_URL

# 8 repositories x $1 PRs, 50 ms per request: `backfill work --until-empty`
# with 1 worker, then with 4, each into a database of its own.
workers_bench() {
  local per_repo=$1 latency_ms=50 names=() specs=() workers
  for i in $(seq 8); do
    names+=("bench/w$i")
    specs+=(--repo "bench/w$i:$per_repo")
  done
  "$build/tests/fake_github" "${specs[@]}" --latency-ms "$latency_ms" --port-file "$work/port" &
  fake_pid=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.05; done
  local api
  api="http://127.0.0.1:$(cat "$work/port")"

  printf '%-8s %6s %9s %9s %9s %9s %12s\n' workers repos PRs wall_s PRs/s requests peak_RSS_MiB
  local -A wall_of
  for workers in 1 4; do
    psql -q "$pg_url" -c "CREATE DATABASE bench_workers_$workers" >/dev/null
    local db="${pg_url%/*}/bench_workers_$workers"
    # A fresh token per run: each gets the full 5,000-request budget.
    GITHUB_TOKEN="bench-workers-$workers" \
      "$build/backfill" track "${names[@]}" --api-url "$api" --database-url "$db" -q >/dev/null
    GITHUB_TOKEN="bench-workers-$workers" /usr/bin/time -f '%e %M' -o "$work/time" \
      "$build/backfill" work --workers "$workers" --until-empty --api-url "$api" \
      --database-url "$db" -q >"$work/result"
    local wall rss_kb summary requests stored
    read -r wall rss_kb <"$work/time"
    summary=$(grep '"summary"' "$work/result")
    requests=$(sed -E 's/.*"requests":([0-9]+).*/\1/' <<<"$summary")
    stored=$(psql -tA "$db" -c "SELECT count(*) FROM pull_requests")
    wall_of[$workers]=$wall
    awk -v w="$workers" -v n="$stored" -v t="$wall" -v r="$requests" -v m="$rss_kb" \
      'BEGIN { printf "%-8d %6d %9d %9.2f %9.0f %9d %12.1f\n", w, 8, n, t, (t > 0 ? n / t : 0), r, m / 1024 }'
  done
  awk -v one="${wall_of[1]}" -v four="${wall_of[4]}" -v l="$latency_ms" \
    'BEGIN { printf "4 workers took %.0f%% of the 1-worker time (%d ms latency per request)\n", 100 * four / one, l }'
}

# R small repositories, all backfilled and refreshed once; then 10 change (a
# retitled PR each, applied by the fake on SIGUSR1) and `refresh --all` is
# measured.
# The core budget left to a token (GET /rate_limit is free).
core_remaining() {
  GITHUB_TOKEN=$1 "$build/backfill" rate-limit --json --api-url "$2" | python3 -c \
    'import json, sys; print(next(r["remaining"] for r in json.load(sys.stdin) if r["resource"] == "core"))'
}

refresh_bench() {
  local repos=$1 per_repo=30 changed=10 names=() specs=() changes=()
  for i in $(seq "$repos"); do
    names+=("bench/r$i")
    specs+=(--repo "bench/r$i:$per_repo")
  done
  for i in $(seq "$changed"); do
    changes+=(--on-usr1 "bench/r$(( (i - 1) * repos / changed + 1 )):3:retitle")
  done
  "$build/tests/fake_github" "${specs[@]}" "${changes[@]}" --port-file "$work/port" &
  fake_pid=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.05; done
  local api
  api="http://127.0.0.1:$(cat "$work/port")"

  printf '%-9s %6s %8s %9s %6s %7s %9s\n' backend repos changed requests 304s points wall_s
  for backend in sqlite postgres; do
    local db="sqlite:$work/refresh.db"
    if [[ "$backend" == postgres ]]; then
      psql -q "$pg_url" -c "CREATE DATABASE bench_refresh" >/dev/null
      db="${pg_url%/*}/bench_refresh"
    fi
    # A fresh token per phase: each has the full 5,000-request budget.
    GITHUB_TOKEN="bench-$backend-track" \
      "$build/backfill" track "${names[@]}" --api-url "$api" --database-url "$db" -q >/dev/null
    GITHUB_TOKEN="bench-$backend-work" \
      "$build/backfill" work --until-empty --api-url "$api" --database-url "$db" -q >/dev/null
    GITHUB_TOKEN="bench-$backend-first" \
      "$build/backfill" refresh --all --api-url "$api" --database-url "$db" -q >/dev/null
    kill -USR1 "$fake_pid"
    local token="bench-$backend-measured" before after
    before=$(core_remaining "$token" "$api")
    GITHUB_TOKEN=$token /usr/bin/time -f '%e' -o "$work/time" \
      "$build/backfill" refresh --all --api-url "$api" --database-url "$db" -q >"$work/result"
    after=$(core_remaining "$token" "$api")
    local summary requests points changed_repos wall
    summary=$(grep '"summary"' "$work/result")
    requests=$(sed -E 's/.*"requests":([0-9]+).*/\1/' <<<"$summary")
    points=$(sed -E 's/.*"rate_limit_points":([0-9]+).*/\1/' <<<"$summary")
    changed_repos=$(sed -E 's/.*"changed":([0-9]+).*/\1/' <<<"$summary")
    read -r wall <"$work/time"
    if [[ "$points" != $(( before - after )) ]]; then
      echo "rate-limit points: the run says $points, GET /rate_limit says $(( before - after ))" >&2
    fi
    printf '%-9s %6d %8d %9d %6d %7d %9.2f\n' "$backend" "$repos" "$changed_repos" "$requests" \
      $(( requests - points )) $(( before - after )) "$wall"
  done
}

# One repository of $1 PRs, 20 ms per request: the chunk rate of a backfill
# alone, then with `backfill serve` and 100 live viewers on its database.
serve_bench() {
  local size=$1 latency_ms=20 viewers=100
  "$build/tests/fake_github" --repo "bench/served:$size" --latency-ms "$latency_ms" \
    --port-file "$work/port" &
  fake_pid=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.05; done
  local api
  api="http://127.0.0.1:$(cat "$work/port")"
  printf '%-9s %-14s %8s %9s %7s %9s\n' backend viewers PRs wall_s chunks chunks/s
  local backend with db wall rss_kb chunks processed
  for backend in sqlite postgres; do
    local -A rate_of=()
    for with in 0 "$viewers"; do
      if [[ "$backend" == sqlite ]]; then
        db="sqlite:$work/served-$with.db"
      else
        psql -q "$pg_url" -c "CREATE DATABASE bench_serve_$with" >/dev/null
        db="${pg_url%/*}/bench_serve_$with"
      fi
      "$build/backfill" migrate --database-url "$db" -q >/dev/null
      if [[ "$with" != 0 ]]; then
        "$build/backfill" serve --listen 127.0.0.1:0 --database-url "$db" -q \
          >"$work/serve.out" 2>/dev/null &
        serve_pid=$!
        for _ in $(seq 600); do [[ -s "$work/serve.out" ]] && break; sleep 0.05; done
        local port
        port=$(sed -E 's|.*:([0-9]+)/.*|\1|' "$work/serve.out")
        "$root/bench/serve_clients.py" "$port" "$with" >"$work/clients.out" &
        clients_pid=$!
        for _ in $(seq 600); do [[ -s "$work/clients.out" ]] && break; sleep 0.05; done
      fi
      GITHUB_TOKEN="bench-serve-$backend-$with" /usr/bin/time -f '%e %M' -o "$work/time" \
        "$build/backfill" --repo bench/served --api-url "$api" --database-url "$db" -q >"$work/result"
      read -r wall rss_kb <"$work/time"
      chunks=$(sed -E 's/.*"chunks":([0-9]+).*/\1/' "$work/result")
      processed=$(sed -E 's/.*"processed":([0-9]+).*/\1/' "$work/result")
      rate_of[$with]=$(awk -v c="$chunks" -v w="$wall" 'BEGIN { printf "%.2f", (w > 0 ? c / w : 0) }')
      printf '%-9s %-14s %8d %9.2f %7d %9.2f\n' "$backend" "$with" "$processed" "$wall" "$chunks" "${rate_of[$with]}"
      if [[ "$with" != 0 ]]; then
        kill "$clients_pid" "$serve_pid" 2>/dev/null || true
        wait "$clients_pid" "$serve_pid" 2>/dev/null || true
        clients_pid="" serve_pid=""
      fi
    done
    awk -v a="${rate_of[0]}" -v b="${rate_of[$viewers]}" -v b2="$backend" -v v="$viewers" \
      'BEGIN { printf "%s: with serve and %d viewers, %.1f%% of the chunk rate without\n", b2, v, 100 * b / a }'
  done
}

# The core and graphql budgets left to a token, "CORE GRAPHQL" (free).
budgets_remaining() {
  GITHUB_TOKEN=$1 "$build/backfill" rate-limit --json --api-url "$2" | python3 -c '
import json, sys
left = {r["resource"]: r["remaining"] for r in json.load(sys.stdin)}
print(left["core"], left["graphql"])'
}

# What REST alone would spend on the same data: the listing's pages, then
# per PR its details, and its reviews, conversation comments and review
# comments, a page of 100 each (one even when empty). Review comments are
# counted when stored (kind 'review'); when none are, the generator's rule
# stands in: a PR heavy in reviews (150+) is heavy in review comments too.
rest_equivalent_sql() {
  cat <<'SQL'
SELECT (count(*) + 99) / 100 + sum(1
  + CASE WHEN r <= 100 THEN 1 ELSE (r + 99) / 100 END
  + CASE WHEN c <= 100 THEN 1 ELSE (c + 99) / 100 END
  + CASE WHEN rc > 0 AND rc > 100 THEN (rc + 99) / 100 WHEN rc > 0 THEN 1
         WHEN r >= 150 THEN 2 ELSE 1 END)
FROM (SELECT
  (SELECT count(*) FROM reviews x WHERE x.pull_request_id = p.id) AS r,
  (SELECT count(*) FROM comments x WHERE x.pull_request_id = p.id AND x.kind = 'issue') AS c,
  (SELECT count(*) FROM comments x WHERE x.pull_request_id = p.id AND x.kind = 'review') AS rc
  FROM pull_requests p) AS per_pull
SQL
}

# What a bare client waits for one reply of the fake (latency included, and
# the fake's own work, which grows with the machine's load): the mean of 10
# list pages, of 10 GraphQL page queries as a depth backfill sends them (49
# PRs, 100 reviews and 100 comments each), of 10 review comment pages and of
# 10 follow-ups, "REST_S GRAPHQL_S REVIEW_COMMENTS_S FOLLOW_UP_S".
bare_reply_times() {
  python3 - "$1" "$root/src/github/graphql/pull_request_page.graphql" \
    "$root/src/github/graphql/pull_request_children.graphql" <<'PY'
import json, sys, time, urllib.request
api, query, children = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read()
headers = {"Authorization": "Bearer bench-bare-client", "Accept": "application/vnd.github+json"}
def mean(make):
    start = time.monotonic()
    for i in range(10):
        urllib.request.urlopen(make(i)).read()
    return (time.monotonic() - start) / 10
def graphql_request(text, variables):
    body = json.dumps({"query": text, "variables": variables}).encode()
    return urllib.request.Request(f"{api}/graphql", data=body,
                                  headers={**headers, "Content-Type": "application/json"})
rest = mean(lambda i: urllib.request.Request(
    f"{api}/repos/bench/deep/pulls?state=all&sort=created&direction=asc&per_page=100&page={i + 1}",
    headers=headers))
variables = {"owner": "bench", "name": "deep", "first": 49, "after": None,
             "orderBy": {"field": "CREATED_AT", "direction": "ASC"}, "reviews": 100,
             "comments": 100, "withReviews": True, "withComments": True}
graphql = mean(lambda i: graphql_request(query, variables))
review_comments = mean(lambda i: urllib.request.Request(
    f"{api}/repos/bench/deep/pulls/comments?per_page=100&page={i + 1}", headers=headers))
# A follow-up as the run sends it: the next 100 reviews and comments of a
# heavy PR, found on the first pages (a repository without one has none).
heavy, more = None, True
while heavy is None and more:
    page = json.load(urllib.request.urlopen(graphql_request(query, variables)))
    pulls = page["data"]["repository"]["pullRequests"]
    heavy = next((p for p in pulls["nodes"] if p["comments"]["pageInfo"]["hasNextPage"]), None)
    variables["after"] = pulls["pageInfo"]["endCursor"]
    more = pulls["pageInfo"]["hasNextPage"]
if heavy is None:
    print(f"{rest:.4f} {graphql:.4f} {review_comments:.4f} 0")
    sys.exit(0)
follow_up = {"ids": [heavy["id"]], "first": 100, "withReviews": True, "withComments": True,
             "reviewsAfter": heavy["reviews"]["pageInfo"]["endCursor"],
             "commentsAfter": heavy["comments"]["pageInfo"]["endCursor"]}
follow_ups = mean(lambda i: graphql_request(children, follow_up))
print(f"{rest:.4f} {graphql:.4f} {review_comments:.4f} {follow_ups:.4f}")
PY
}

depth_bench() {
  local size=$1 latency_ms=100
  "$build/tests/fake_github" --repo "bench/deep:$size" --heavy-share 0.01 --graphql \
    --latency-ms "$latency_ms" --port-file "$work/port" &
  fake_pid=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.05; done
  local api
  api="http://127.0.0.1:$(cat "$work/port")"
  local bare rest_reply graphql_reply review_comments_reply follow_up_reply
  bare=$(bare_reply_times "$api")
  read -r rest_reply graphql_reply review_comments_reply follow_up_reply <<<"$bare"
  echo "a bare client waits ${rest_reply} s for a list page, ${graphql_reply} s for a GraphQL page," \
    "${review_comments_reply} s for a review comment page, ${follow_up_reply} s for a follow-up" \
    "(${latency_ms} ms of it latency); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-9s %-6s %6s %6s %7s %5s %9s %10s %7s %10s %6s %6s %6s\n' backend with PRs calls points \
    REST cost/100PR REST-eq/100PR wall_s calls*lat_s ratio bare PRs/s
  local backend with db token before after wall rss_kb requests points processed rest_eq page_queries
  local -a rss_lines=()
  for backend in sqlite postgres; do
    for with in none all; do
      if [[ "$backend" == sqlite ]]; then
        db="sqlite:$work/deep-$with.db"
      else
        psql -q "$pg_url" -c "CREATE DATABASE bench_deep_$with" >/dev/null
        db="${pg_url%/*}/bench_deep_$with"
      fi
      local flags=()
      [[ "$with" == all ]] && flags=(--with all)
      # A fresh token per run: each gets the full budgets.
      token="bench-deep-$backend-$with"
      before=$(budgets_remaining "$token" "$api")
      GITHUB_TOKEN=$token /usr/bin/time -f '%e %M' -o "$work/time" \
        "$build/backfill" --repo bench/deep "${flags[@]}" --api-url "$api" --database-url "$db" \
        -q >"$work/result"
      after=$(budgets_remaining "$token" "$api")
      read -r wall rss_kb <"$work/time"
      requests=$(sed -E 's/.*"requests":([0-9]+).*/\1/' "$work/result")
      points=0
      grep -q '"points"' "$work/result" && points=$(sed -E 's/.*"points":([0-9]+).*/\1/' "$work/result")
      processed=$(sed -E 's/.*"processed":([0-9]+).*/\1/' "$work/result")
      rest_eq=$(( (processed + 99) / 100 + 2 ))  # list-only: the listing is all REST needs
      page_queries=0
      if [[ "$with" == all ]]; then
        # One page query per depth chunk; the other GraphQL calls are follow-ups.
        local pages_sql="SELECT count(*) FROM backfill_chunks WHERE scope_id IS NOT NULL AND pr_count > 0"
        if [[ "$backend" == sqlite ]]; then
          rest_eq=$(( $(sqlite3 "$work/deep-$with.db" "$(rest_equivalent_sql)") + 2 ))
          page_queries=$(sqlite3 "$work/deep-$with.db" "$pages_sql")
        else
          rest_eq=$(( $(psql -tA "$db" -c "$(rest_equivalent_sql)") + 2 ))
          page_queries=$(psql -tA "$db" -c "$pages_sql")
        fi
      fi
      read -r core_before graphql_before <<<"$before"
      read -r core_after graphql_after <<<"$after"
      local rest_used=$(( core_before - core_after )) points_used=$(( graphql_before - graphql_after ))
      if [[ "$points" != "$points_used" ]]; then
        echo "GraphQL points: the run says $points, GET /rate_limit says $points_used" >&2
      fi
      awk -v b="$backend" -v w="$with" -v n="$processed" -v r="$requests" -v p="$points_used" \
        -v rest="$rest_used" -v eq="$rest_eq" -v t="$wall" -v l="$latency_ms" \
        -v rr="$rest_reply" -v gr="$graphql_reply" -v cr="$review_comments_reply" \
        -v fr="$follow_up_reply" -v pq="$page_queries" 'BEGIN {
          floor = r * l / 1000
          # The bare client waits as long for the same calls: the repository and
          # the count as for a list page, the other REST calls of a depth run
          # (review comment pages) as for one of those, and the GraphQL calls
          # (those GET /rate_limit did not count as REST) as for a page query
          # or, past the pages, a follow-up.
          bare = (w == "all") ? 2 * rr + (rest - 2) * cr + pq * gr + (r - rest - pq) * fr : r * rr
          printf "%-9s %-6s %6d %6d %7d %5d %9.1f %10.1f %7.2f %10.1f %6.3f %6.3f %6.0f\n", b, w, n,
            r, p, rest, 100 * (p + rest) / n, 100 * eq / n, t, floor, t / floor, t / bare, n / t }'
      rss_lines+=("$(printf '%s --with %s: peak RSS %.1f MiB' "$backend" "$with" \
        "$(awk -v m="$rss_kb" 'BEGIN { print m / 1024 }')")")
    done
  done
  printf '%s\n' "${rss_lines[@]}"
  echo "(cost: GraphQL points + REST requests spent; REST-eq: REST alone for the same data;"
  echo " ratio: wall time / (calls x ${latency_ms} ms); bare: wall time / what a bare client"
  echo " waits for the same calls, one after the other)"
}

if [[ "$mode" == depth ]]; then
  depth_bench "${1:-10000}"
  exit 0
fi
if [[ "$mode" == serve ]]; then
  serve_bench "${1:-20000}"
  exit 0
fi
if [[ "$mode" == refresh ]]; then
  refresh_bench "${1:-1000}"
  exit 0
fi

if [[ "$mode" == workers ]]; then
  workers_bench "${1:-20000}"
  exit 0
fi

"$build/tests/fake_github" --repo "bench/small:1000" --repo "bench/large:$n" \
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
      "$build/backfill" --repo "$repo" --api-url "$api" --database-url "$db" -q >"$work/result"
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
