#pragma once
// The SQLite statements of a depth backfill (store/depth_store.hpp).

namespace backfill::store::sqlite::sql {

inline constexpr const char* kLoadScope =
    "SELECT repository_id, cursor, total_processed, total_expected, status, last_error,"
    " error_count, started_at, updated_at, completed_at, resume_after"
    " FROM backfill_scopes WHERE repository_id = ?1 AND scope = ?2";

// total_processed counts the PRs the scope's cursor has passed, so a
// restart sets it back to 0 with the cursor.
inline constexpr const char* kBeginScope =
    "INSERT INTO backfill_scopes"
    " (id, repository_id, scope, total_expected, status, started_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, 'in_progress', ?5, ?5)"
    " ON CONFLICT (repository_id, scope) DO UPDATE SET"
    "  total_expected = excluded.total_expected, status = 'in_progress',"
    "  started_at = coalesce(backfill_scopes.started_at, excluded.started_at),"
    "  updated_at = excluded.updated_at, resume_after = NULL,"
    "  cursor = CASE WHEN ?6 THEN NULL ELSE backfill_scopes.cursor END,"
    "  total_processed = CASE WHEN ?6 THEN 0 ELSE backfill_scopes.total_processed END,"
    "  completed_at = CASE WHEN ?6 THEN NULL ELSE backfill_scopes.completed_at END";

inline constexpr const char* kWritePullDetails =
    "UPDATE pull_requests SET additions = ?2, deletions = ?3, changed_files = ?4,"
    " commits_count = ?5, comments_count = ?6, reviews_count = ?7,"
    " merged_by_id = (SELECT id FROM contributors WHERE github_id = ?8),"
    " review_decision = ?9, details_fetched_at = ?10"
    " WHERE github_id = ?1";

inline constexpr const char* kUpsertReview =
    "INSERT INTO reviews (id, github_id, pull_request_id, author_id, state, body, submitted_at)"
    " VALUES (?1, ?2, (SELECT id FROM pull_requests WHERE github_id = ?3),"
    "         (SELECT id FROM contributors WHERE github_id = ?4), ?5, ?6, ?7)"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  pull_request_id = excluded.pull_request_id, author_id = excluded.author_id,"
    "  state = excluded.state, body = excluded.body, submitted_at = excluded.submitted_at";

inline constexpr const char* kUpsertComment =
    "INSERT INTO comments (id, github_id, kind, pull_request_id, repository_id,"
    " pull_request_number, author_id, body, created_at, updated_at, path, line,"
    " review_github_id, in_reply_to_github_id)"
    " VALUES (?1, ?2, ?3, (SELECT id FROM pull_requests WHERE github_id = ?4), ?5, ?6,"
    "         (SELECT id FROM contributors WHERE github_id = ?7), ?8, ?9, ?10, ?11, ?12, ?13,"
    "         ?14)"
    " ON CONFLICT (kind, github_id) DO UPDATE SET"
    "  pull_request_id = coalesce(excluded.pull_request_id, comments.pull_request_id),"
    "  repository_id = excluded.repository_id,"
    "  pull_request_number = excluded.pull_request_number, author_id = excluded.author_id,"
    "  body = excluded.body, created_at = excluded.created_at, updated_at = excluded.updated_at,"
    "  path = excluded.path, line = excluded.line, review_github_id = excluded.review_github_id,"
    "  in_reply_to_github_id = excluded.in_reply_to_github_id";

// Comments stored before their PR (a repository-wide stream) are linked
// when it arrives.
inline constexpr const char* kLinkComments =
    "UPDATE comments SET pull_request_id = (SELECT id FROM pull_requests WHERE github_id = ?3)"
    " WHERE pull_request_id IS NULL AND repository_id = ?1 AND pull_request_number = ?2";

inline constexpr const char* kAdvanceScope =
    "UPDATE backfill_scopes SET cursor = ?3, total_processed = total_processed + ?4,"
    " updated_at = ?5, chunks_committed = chunks_committed + 1, points_used = points_used + ?6"
    " WHERE repository_id = ?1 AND scope = ?2"
    " RETURNING total_processed, id, chunks_committed";

inline constexpr const char* kInsertScopeChunk =
    "INSERT INTO backfill_chunks (id, scope_id, repository_id, run_id, chunk_index, cursor,"
    " pr_count, chunk_size, requests, retries, rate_limit_remaining, duration_ms, ran_at,"
    " rate_limit_reset_at, points)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

inline constexpr const char* kWriteScopeEnd =
    "INSERT INTO backfill_scopes"
    " (id, repository_id, scope, status, last_error, error_count, updated_at, completed_at,"
    "  resume_after, total_expected)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (repository_id, scope) DO UPDATE SET"
    "  status = excluded.status, last_error = excluded.last_error,"
    "  error_count = excluded.error_count, updated_at = excluded.updated_at,"
    "  completed_at = excluded.completed_at, resume_after = excluded.resume_after,"
    "  total_expected = excluded.total_expected";

inline constexpr const char* kSetBackfillWith =
    "UPDATE repositories SET backfill_with = ?2 WHERE id = ?1";
inline constexpr const char* kBackfillWith = "SELECT backfill_with FROM repositories WHERE id = ?1";

inline constexpr const char* kScopes =
    "SELECT r.owner || '/' || r.name, s.scope, s.total_processed, s.total_expected, s.status,"
    " s.updated_at, s.last_error, s.chunks_committed, s.points_used"
    " FROM backfill_scopes s JOIN repositories r ON r.id = s.repository_id"
    " WHERE ?1 IS NULL OR lower(r.owner || '/' || r.name) = ?1"
    " ORDER BY lower(r.owner), lower(r.name), s.scope";

}  // namespace backfill::store::sqlite::sql
