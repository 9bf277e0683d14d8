#pragma once
// The statements of the SQLite backend, prepared once per connection (the
// statement cache is keyed by these pointers). Timestamps are the ISO-8601
// text they arrive as, so they need no conversion either way.

#include "store/summary_sql.hpp"

namespace backfill::store::sqlite::sql {

inline constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version TEXT PRIMARY KEY,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";
inline constexpr const char* kMigrationApplied =
    "SELECT 1 FROM schema_migrations WHERE version = ?1";
inline constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version) VALUES (?1)";

inline constexpr const char* kFindRepository =
    "SELECT id, github_id, owner, name FROM repositories"
    " WHERE lower(owner) = lower(?1) AND lower(name) = lower(?2)";
inline constexpr const char* kRepositoryByGithubId =
    "SELECT id, github_id, owner, name FROM repositories WHERE github_id = ?1";
inline constexpr const char* kInsertRepository =
    "INSERT INTO repositories (id, github_id, owner, name, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
inline constexpr const char* kUpdateRepository =
    "UPDATE repositories SET github_id = ?2, owner = ?3, name = ?4, updated_at = ?5"
    " WHERE id = ?1";

inline constexpr const char* kLoadProgress =
    "SELECT repository_id, last_processed_cursor, total_processed, total_expected, status,"
    " last_error, error_count, started_at, updated_at, completed_at, resume_after"
    " FROM backfill_progress WHERE repository_id = ?1";

// total_processed is recounted once per run, so that it always equals the
// stored rows whatever happened before (e.g. rows written by older versions).
inline constexpr const char* kBeginRun =
    "INSERT INTO backfill_progress"
    " (id, repository_id, total_processed, total_expected, status, started_at, updated_at)"
    " VALUES (?1, ?2, (SELECT count(*) FROM pull_requests WHERE repository_id = ?2), ?3,"
    "         'in_progress', ?4, ?4)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  total_processed = excluded.total_processed,"
    "  total_expected = excluded.total_expected,"
    "  status = 'in_progress',"
    "  started_at = coalesce(backfill_progress.started_at, excluded.started_at),"
    "  updated_at = excluded.updated_at,"
    "  resume_after = NULL,"
    "  last_processed_cursor = CASE WHEN ?5 THEN NULL"
    "                          ELSE backfill_progress.last_processed_cursor END,"
    "  completed_at = CASE WHEN ?5 THEN NULL ELSE backfill_progress.completed_at END";

// The end of a run, as store/run_end.hpp computed it from the row before.
inline constexpr const char* kWriteRunEnd =
    "INSERT INTO backfill_progress"
    " (id, repository_id, status, last_error, error_count, updated_at, completed_at,"
    "  resume_after, total_expected)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  status = excluded.status, last_error = excluded.last_error,"
    "  error_count = excluded.error_count, updated_at = excluded.updated_at,"
    "  completed_at = excluded.completed_at, resume_after = excluded.resume_after,"
    "  total_expected = excluded.total_expected";

inline constexpr const char* kStartRunRecord =
    "INSERT INTO backfill_runs (id, repository_id, repository, trigger, run_url, started_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr const char* kFinishRunRecord =
    "UPDATE backfill_runs SET"
    "  repository_id = coalesce(?2, repository_id), status = ?3, exit_code = ?4,"
    "  prs_stored = ?5, requests = ?6, retries = ?7, rate_limit_wait_ms = ?8, error = ?9,"
    "  ended_at = ?10"
    " WHERE id = ?1 RETURNING id";

// Unchanged contributors are left alone: frequent authors appear in most
// chunks, and rewriting their row every time would only churn the database.
inline constexpr const char* kUpsertContributor =
    "INSERT INTO contributors (id, github_id, login, avatar_url, type, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  login = excluded.login, avatar_url = excluded.avatar_url, type = excluded.type,"
    "  updated_at = excluded.updated_at"
    " WHERE login IS NOT excluded.login OR avatar_url IS NOT excluded.avatar_url"
    "    OR type IS NOT excluded.type";

inline constexpr const char* kPullExists = "SELECT 1 FROM pull_requests WHERE github_id = ?1";

inline constexpr const char* kUpsertPull =
    "INSERT INTO pull_requests (id, github_id, repository_id, number, title, body, state, draft,"
    " author_id, created_at, updated_at, closed_at, merged_at, merge_commit_sha, head_ref,"
    " base_ref, html_url, fetched_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT id FROM contributors WHERE github_id = ?9),"
    "         ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  repository_id = excluded.repository_id, number = excluded.number,"
    "  title = excluded.title, body = excluded.body, state = excluded.state,"
    "  draft = excluded.draft, author_id = excluded.author_id,"
    "  created_at = excluded.created_at, updated_at = excluded.updated_at,"
    "  closed_at = excluded.closed_at, merged_at = excluded.merged_at,"
    "  merge_commit_sha = excluded.merge_commit_sha, head_ref = excluded.head_ref,"
    "  base_ref = excluded.base_ref, html_url = excluded.html_url,"
    "  fetched_at = excluded.fetched_at";

// The progress row's new chunks_committed is the chunk's index.
inline constexpr const char* kAdvanceProgress =
    "INSERT INTO backfill_progress"
    " (id, repository_id, last_processed_cursor, total_processed, status, started_at, updated_at,"
    "  chunks_committed)"
    " VALUES (?1, ?2, ?3, ?4, 'in_progress', ?5, ?5, 1)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  last_processed_cursor = excluded.last_processed_cursor,"
    "  total_processed = backfill_progress.total_processed + excluded.total_processed,"
    "  updated_at = excluded.updated_at,"
    "  chunks_committed = backfill_progress.chunks_committed + 1"
    " RETURNING total_processed, id, chunks_committed";

inline constexpr const char* kInsertChunk =
    "INSERT INTO backfill_chunks (id, backfill_id, repository_id, run_id, chunk_index, cursor,"
    " pr_count, chunk_size, requests, retries, rate_limit_remaining, duration_ms, ran_at,"
    " rate_limit_reset_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

inline constexpr const char* kCountPulls =
    "SELECT count(*) FROM pull_requests WHERE repository_id = ?1";

// The rows of `backfill status` (store/summary_sql.hpp), with the recent
// pace of each over its last 50 chunks: the correlated subquery finds the
// 50th-last chunk_index by walking UNIQUE (backfill_id, chunk_index)
// backwards, and the join reads from there on. (SQLite has no LATERAL; this
// is the same index work, once per row.)
#define BACKFILL_SUMMARIES(where, order)                                             \
  "SELECT r.owner || '/' || r.name, p.total_processed, p.total_expected, p.status,"  \
  " p.started_at, p.updated_at, p.last_error, p.resume_after, count(c.id),"          \
  " coalesce(sum(c.pr_count), 0), coalesce(sum(c.requests), 0),"                     \
  " coalesce(sum(c.duration_ms), 0), r.github_id"                                    \
  " FROM backfill_progress p JOIN repositories r ON r.id = p.repository_id"          \
  " LEFT JOIN backfill_chunks c ON c.backfill_id = p.id"                             \
  "  AND c.chunk_index >= coalesce((SELECT l.chunk_index FROM backfill_chunks l"     \
  "   WHERE l.backfill_id = p.id ORDER BY l.chunk_index DESC LIMIT 1 OFFSET 49), 0)" \
  " WHERE " where " GROUP BY p.id ORDER BY " order
BACKFILL_SUMMARY_STATEMENTS(BACKFILL_SUMMARIES, "?1")
#undef BACKFILL_SUMMARIES

}  // namespace backfill::store::sqlite::sql
