#pragma once
// The statements of the PostgreSQL backend, prepared once per connection.
// Timestamps travel as ISO-8601 text both ways: TIMESTAMP input ignores the
// trailing 'Z' (the columns hold UTC), and kIso formats them back.

#include "store/postgres/iso_column.hpp"
#include "store/summary_sql.hpp"

namespace backfill::store::postgres::sql {

// A fixed key in the two-int advisory lock space, which never collides with
// the bigint keys of repository locks.
inline constexpr const char* kLockMigrations = "SELECT pg_advisory_xact_lock(1650877548, 1)";
inline constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version TEXT PRIMARY KEY,"
    " applied_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))";
inline constexpr const char* kMigrationApplied =
    "SELECT 1 FROM schema_migrations WHERE version = $1";
inline constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version) VALUES ($1)";

inline constexpr const char* kTryLock = "SELECT pg_try_advisory_lock($1::bigint)";
inline constexpr const char* kUnlock = "SELECT pg_advisory_unlock($1::bigint)";

inline constexpr const char* kFindRepository =
    "SELECT id::text, github_id, owner, name FROM repositories"
    " WHERE lower(owner) = lower($1) AND lower(name) = lower($2)";
inline constexpr const char* kRepositoryByGithubId =
    "SELECT id::text, github_id, owner, name FROM repositories WHERE github_id = $1";
inline constexpr const char* kInsertRepository =
    "INSERT INTO repositories (github_id, owner, name, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4::timestamp, $4::timestamp) RETURNING id::text";
inline constexpr const char* kUpdateRepository =
    "UPDATE repositories SET github_id = $2, owner = $3, name = $4, updated_at = $5::timestamp"
    " WHERE id = $1::uuid";

#define BACKFILL_LOAD_PROGRESS \
  "SELECT repository_id::text, last_processed_cursor, total_processed, total_expected, status," \
  " last_error, error_count, " BACKFILL_ISO("started_at") ", " BACKFILL_ISO("updated_at") ", "  \
  BACKFILL_ISO("completed_at") ", " BACKFILL_ISO("resume_after")                                \
  " FROM backfill_progress WHERE repository_id = $1::uuid"
inline constexpr const char* kLoadProgress = BACKFILL_LOAD_PROGRESS;
// Read before a run's end is written, held until that write commits.
inline constexpr const char* kLoadProgressForUpdate = BACKFILL_LOAD_PROGRESS " FOR UPDATE";
#undef BACKFILL_LOAD_PROGRESS

// total_processed is recounted once per run, so that it always equals the
// stored rows whatever happened before.
inline constexpr const char* kBeginRun =
    "INSERT INTO backfill_progress"
    " (repository_id, total_processed, total_expected, status, started_at, updated_at)"
    " VALUES ($1::uuid, (SELECT count(*) FROM pull_requests WHERE repository_id = $1::uuid),"
    "         $2::bigint, 'in_progress', $3::timestamp, $3::timestamp)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  total_processed = EXCLUDED.total_processed,"
    "  total_expected = EXCLUDED.total_expected,"
    "  status = 'in_progress',"
    "  started_at = coalesce(backfill_progress.started_at, EXCLUDED.started_at),"
    "  updated_at = EXCLUDED.updated_at,"
    "  resume_after = NULL,"
    "  last_processed_cursor = CASE WHEN $4::boolean THEN NULL"
    "                          ELSE backfill_progress.last_processed_cursor END,"
    "  completed_at = CASE WHEN $4::boolean THEN NULL ELSE backfill_progress.completed_at END";

// The end of a run, as store/run_end.hpp computed it from the row before.
inline constexpr const char* kWriteRunEnd =
    "INSERT INTO backfill_progress"
    " (repository_id, status, last_error, error_count, updated_at, completed_at, resume_after,"
    "  total_expected)"
    " VALUES ($1::uuid, $2::text, $3::text, $4::bigint, $5::timestamp, $6::timestamp,"
    "         $7::timestamp, $8::bigint)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  status = EXCLUDED.status, last_error = EXCLUDED.last_error,"
    "  error_count = EXCLUDED.error_count, updated_at = EXCLUDED.updated_at,"
    "  completed_at = EXCLUDED.completed_at, resume_after = EXCLUDED.resume_after,"
    "  total_expected = EXCLUDED.total_expected";

inline constexpr const char* kStartRunRecord =
    "INSERT INTO backfill_runs (repository_id, repository, trigger, run_url, started_at)"
    " VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::timestamp) RETURNING id::text";
inline constexpr const char* kFinishRunRecord =
    "UPDATE backfill_runs SET"
    "  repository_id = coalesce($2::uuid, repository_id), status = $3::text,"
    "  exit_code = $4::integer, prs_stored = $5::bigint, requests = $6::bigint,"
    "  retries = $7::bigint, rate_limit_wait_ms = $8::bigint, error = $9::text,"
    "  ended_at = $10::timestamp"
    " WHERE id = $1::uuid";

// Unchanged contributors are left alone: frequent authors appear in most
// chunks, and rewriting their row every time would only churn the table.
inline constexpr const char* kUpsertContributors =
    "INSERT INTO contributors (github_id, login, avatar_url, type, created_at, updated_at)"
    " SELECT c.github_id, c.login, c.avatar_url, c.type, $5::timestamp, $5::timestamp"
    " FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])"
    "      AS c(github_id, login, avatar_url, type)"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  login = EXCLUDED.login, avatar_url = EXCLUDED.avatar_url, type = EXCLUDED.type,"
    "  updated_at = EXCLUDED.updated_at"
    " WHERE (contributors.login, contributors.avatar_url, contributors.type)"
    "       IS DISTINCT FROM (EXCLUDED.login, EXCLUDED.avatar_url, EXCLUDED.type)";

// Returns how many of the chunk's PRs were new: xmax = 0 holds exactly for
// rows this statement inserted rather than updated.
inline constexpr const char* kUpsertPulls =
    "WITH upserted AS ("
    " INSERT INTO pull_requests (github_id, repository_id, number, title, body, state, draft,"
    "  author_id, created_at, updated_at, closed_at, merged_at, merge_commit_sha, head_ref,"
    "  base_ref, html_url, fetched_at)"
    " SELECT p.github_id, $1::uuid, p.number, p.title, p.body, p.state, p.draft, c.id,"
    "  p.created_at, p.updated_at, p.closed_at, p.merged_at, p.merge_commit_sha, p.head_ref,"
    "  p.base_ref, p.html_url, $17::timestamp"
    " FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[],"
    "             $7::boolean[], $8::bigint[], $9::timestamp[], $10::timestamp[],"
    "             $11::timestamp[], $12::timestamp[], $13::text[], $14::text[], $15::text[],"
    "             $16::text[])"
    "      AS p(github_id, number, title, body, state, draft, author_github_id, created_at,"
    "           updated_at, closed_at, merged_at, merge_commit_sha, head_ref, base_ref, html_url)"
    " LEFT JOIN contributors c ON c.github_id = p.author_github_id"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  repository_id = EXCLUDED.repository_id, number = EXCLUDED.number,"
    "  title = EXCLUDED.title, body = EXCLUDED.body, state = EXCLUDED.state,"
    "  draft = EXCLUDED.draft, author_id = EXCLUDED.author_id,"
    "  created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,"
    "  closed_at = EXCLUDED.closed_at, merged_at = EXCLUDED.merged_at,"
    "  merge_commit_sha = EXCLUDED.merge_commit_sha, head_ref = EXCLUDED.head_ref,"
    "  base_ref = EXCLUDED.base_ref, html_url = EXCLUDED.html_url,"
    "  fetched_at = EXCLUDED.fetched_at"
    " RETURNING (xmax = 0) AS inserted)"
    " SELECT count(*) FILTER (WHERE inserted) FROM upserted";

// Advances the cursor and counters and writes the chunk's metrics row in one
// statement (one round trip): the progress row's new chunks_committed is the
// chunk's index. Returns the new total_processed.
inline constexpr const char* kAdvanceProgress =
    "WITH progress AS ("
    " INSERT INTO backfill_progress"
    "  (repository_id, last_processed_cursor, total_processed, status, started_at, updated_at,"
    "   chunks_committed)"
    " VALUES ($1::uuid, $2::text, $3::bigint, 'in_progress', $4::timestamp, $4::timestamp, 1)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  last_processed_cursor = EXCLUDED.last_processed_cursor,"
    "  total_processed = backfill_progress.total_processed + EXCLUDED.total_processed,"
    "  updated_at = EXCLUDED.updated_at,"
    "  chunks_committed = backfill_progress.chunks_committed + 1"
    " RETURNING id, total_processed, chunks_committed),"
    " chunk AS ("
    " INSERT INTO backfill_chunks (backfill_id, repository_id, run_id, chunk_index, cursor,"
    "  pr_count, chunk_size, requests, retries, rate_limit_remaining, duration_ms, ran_at,"
    "  rate_limit_reset_at)"
    " SELECT progress.id, $1::uuid, $5::uuid, progress.chunks_committed, $2::text, $6::bigint,"
    "  $7::integer, $8::bigint, $9::bigint, $10::bigint, $11::bigint, $4::timestamp,"
    "  $12::timestamp"
    " FROM progress)"
    " SELECT total_processed FROM progress";

inline constexpr const char* kCountPulls =
    "SELECT count(*) FROM pull_requests WHERE repository_id = $1::uuid";

// The rows of `backfill status` (store/summary_sql.hpp), with the recent
// pace of each: its last 50 chunks, read backwards on UNIQUE (backfill_id,
// chunk_index), one lateral probe per row.
#define BACKFILL_SUMMARIES(where, order) \
  "SELECT r.owner || '/' || r.name, p.total_processed, p.total_expected, p.status, "         \
  BACKFILL_ISO("p.started_at") ", " BACKFILL_ISO("p.updated_at") ", p.last_error, "          \
  BACKFILL_ISO("p.resume_after") ", pace.chunks, pace.prs, pace.requests, pace.busy_ms,"     \
  " r.github_id"                                                                             \
  " FROM backfill_progress p JOIN repositories r ON r.id = p.repository_id"                  \
  " CROSS JOIN LATERAL (SELECT count(*), coalesce(sum(pr_count), 0),"                        \
  "  coalesce(sum(requests), 0), coalesce(sum(duration_ms), 0)"                              \
  "  FROM (SELECT pr_count, requests, duration_ms FROM backfill_chunks c"                    \
  "        WHERE c.backfill_id = p.id ORDER BY c.chunk_index DESC LIMIT 50) last)"           \
  "  AS pace(chunks, prs, requests, busy_ms)"                                                \
  " WHERE " where " ORDER BY " order
BACKFILL_SUMMARY_STATEMENTS(BACKFILL_SUMMARIES, "$1")
#undef BACKFILL_SUMMARIES

}  // namespace backfill::store::postgres::sql
