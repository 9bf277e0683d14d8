#pragma once
// The PostgreSQL statements of a depth backfill (store/depth_store.hpp):
// each table of a chunk in one unnest() statement, as a list chunk is.

#include "store/postgres/iso_column.hpp"

namespace backfill::store::postgres::sql {

#define BACKFILL_LOAD_SCOPE \
  "SELECT repository_id::text, cursor, total_processed, total_expected, status, last_error,"  \
  " error_count, " BACKFILL_ISO("started_at") ", " BACKFILL_ISO("updated_at") ", "            \
  BACKFILL_ISO("completed_at") ", " BACKFILL_ISO("resume_after")                              \
  " FROM backfill_scopes WHERE repository_id = $1::uuid AND scope = $2::text"
inline constexpr const char* kLoadScope = BACKFILL_LOAD_SCOPE;
inline constexpr const char* kLoadScopeForUpdate = BACKFILL_LOAD_SCOPE " FOR UPDATE";
#undef BACKFILL_LOAD_SCOPE

inline constexpr const char* kBeginScope =
    "INSERT INTO backfill_scopes"
    " (repository_id, scope, total_expected, status, started_at, updated_at)"
    " VALUES ($1::uuid, $2::text, $3::bigint, 'in_progress', $4::timestamp, $4::timestamp)"
    " ON CONFLICT (repository_id, scope) DO UPDATE SET"
    "  total_expected = EXCLUDED.total_expected, status = 'in_progress',"
    "  started_at = coalesce(backfill_scopes.started_at, EXCLUDED.started_at),"
    "  updated_at = EXCLUDED.updated_at, resume_after = NULL,"
    "  cursor = CASE WHEN $5::boolean THEN NULL ELSE backfill_scopes.cursor END,"
    "  total_processed = CASE WHEN $5::boolean THEN 0 ELSE backfill_scopes.total_processed END,"
    "  completed_at = CASE WHEN $5::boolean THEN NULL ELSE backfill_scopes.completed_at END";

inline constexpr const char* kWritePullDetails =
    "UPDATE pull_requests p SET additions = d.additions, deletions = d.deletions,"
    " changed_files = d.changed_files, commits_count = d.commits_count,"
    " comments_count = d.comments_count, reviews_count = d.reviews_count,"
    " merged_by_id = (SELECT c.id FROM contributors c WHERE c.github_id = d.merged_by),"
    " review_decision = d.review_decision, details_fetched_at = $10::timestamp"
    " FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[],"
    "             $6::bigint[], $7::bigint[], $8::bigint[], $9::text[])"
    "      AS d(github_id, additions, deletions, changed_files, commits_count, comments_count,"
    "           reviews_count, merged_by, review_decision)"
    " WHERE p.github_id = d.github_id";

inline constexpr const char* kUpsertReviews =
    "INSERT INTO reviews (github_id, pull_request_id, author_id, state, body, submitted_at)"
    " SELECT r.github_id, p.id, c.id, r.state, r.body, r.submitted_at"
    " FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[],"
    "             $6::timestamp[])"
    "      AS r(github_id, pull_github_id, author_github_id, state, body, submitted_at)"
    " JOIN pull_requests p ON p.github_id = r.pull_github_id"
    " LEFT JOIN contributors c ON c.github_id = r.author_github_id"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  pull_request_id = EXCLUDED.pull_request_id, author_id = EXCLUDED.author_id,"
    "  state = EXCLUDED.state, body = EXCLUDED.body, submitted_at = EXCLUDED.submitted_at";

inline constexpr const char* kUpsertComments =
    "INSERT INTO comments (github_id, kind, pull_request_id, repository_id, pull_request_number,"
    " author_id, body, created_at, updated_at, path, line, review_github_id,"
    " in_reply_to_github_id)"
    " SELECT m.github_id, m.kind, p.id, $1::uuid, m.number, c.id, m.body, m.created_at,"
    "  m.updated_at, m.path, m.line, m.review_github_id, m.in_reply_to"
    " FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],"
    "             $7::text[], $8::timestamp[], $9::timestamp[], $10::text[], $11::bigint[],"
    "             $12::bigint[], $13::bigint[])"
    "      AS m(github_id, kind, pull_github_id, number, author_github_id, body, created_at,"
    "           updated_at, path, line, review_github_id, in_reply_to)"
    " LEFT JOIN pull_requests p ON p.github_id = m.pull_github_id"
    " LEFT JOIN contributors c ON c.github_id = m.author_github_id"
    " ON CONFLICT (kind, github_id) DO UPDATE SET"
    "  pull_request_id = coalesce(EXCLUDED.pull_request_id, comments.pull_request_id),"
    "  repository_id = EXCLUDED.repository_id,"
    "  pull_request_number = EXCLUDED.pull_request_number, author_id = EXCLUDED.author_id,"
    "  body = EXCLUDED.body, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,"
    "  path = EXCLUDED.path, line = EXCLUDED.line, review_github_id = EXCLUDED.review_github_id,"
    "  in_reply_to_github_id = EXCLUDED.in_reply_to_github_id";

// Comments stored before their PR (a repository-wide stream) are linked
// when it arrives.
inline constexpr const char* kLinkComments =
    "UPDATE comments m SET pull_request_id = p.id FROM pull_requests p"
    " WHERE m.pull_request_id IS NULL AND m.repository_id = $1::uuid"
    "   AND p.repository_id = $1::uuid AND p.number = m.pull_request_number"
    "   AND p.github_id = ANY($2::bigint[])";

// Cursor, counters and the metrics row in one statement.
inline constexpr const char* kAdvanceScope =
    "WITH scope AS ("
    " UPDATE backfill_scopes SET cursor = $3::text, total_processed = total_processed + $4::bigint,"
    "  updated_at = $5::timestamp, chunks_committed = chunks_committed + 1,"
    "  points_used = points_used + $6::bigint"
    " WHERE repository_id = $1::uuid AND scope = $2::text"
    " RETURNING id, total_processed, chunks_committed),"
    " chunk AS ("
    " INSERT INTO backfill_chunks (scope_id, repository_id, run_id, chunk_index, cursor,"
    "  pr_count, chunk_size, requests, retries, rate_limit_remaining, duration_ms, ran_at, points,"
    "  rate_limit_reset_at)"
    " SELECT scope.id, $1::uuid, $7::uuid, scope.chunks_committed, $3::text, $4::bigint,"
    "  $8::integer, $9::bigint, $10::bigint, $11::bigint, $12::bigint, $5::timestamp, $6::bigint,"
    "  $13::timestamp"
    " FROM scope)"
    " SELECT total_processed FROM scope";

inline constexpr const char* kWriteScopeEnd =
    "INSERT INTO backfill_scopes"
    " (repository_id, scope, status, last_error, error_count, updated_at, completed_at,"
    "  resume_after, total_expected)"
    " VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::bigint, $6::timestamp, $7::timestamp,"
    "         $8::timestamp, $9::bigint)"
    " ON CONFLICT (repository_id, scope) DO UPDATE SET"
    "  status = EXCLUDED.status, last_error = EXCLUDED.last_error,"
    "  error_count = EXCLUDED.error_count, updated_at = EXCLUDED.updated_at,"
    "  completed_at = EXCLUDED.completed_at, resume_after = EXCLUDED.resume_after,"
    "  total_expected = EXCLUDED.total_expected";

inline constexpr const char* kSetBackfillWith =
    "UPDATE repositories SET backfill_with = $2::text WHERE id = $1::uuid";
inline constexpr const char* kBackfillWith =
    "SELECT backfill_with FROM repositories WHERE id = $1::uuid";

inline constexpr const char* kScopes =
    "SELECT r.owner || '/' || r.name, s.scope, s.total_processed, s.total_expected, s.status, "
    BACKFILL_ISO("s.updated_at") ", s.last_error, s.chunks_committed, s.points_used"
    " FROM backfill_scopes s JOIN repositories r ON r.id = s.repository_id"
    " WHERE $1::text IS NULL OR lower(r.owner || '/' || r.name) = $1::text"
    " ORDER BY lower(r.owner), lower(r.name), s.scope";

}  // namespace backfill::store::postgres::sql
