#pragma once
// The PostgreSQL statements of a depth scope's streams
// (store/stream_store.hpp).

namespace backfill::store::postgres::sql {

inline constexpr const char* kLoadStream =
    "SELECT pass_ended, pass_total, ended, page, last_github_id, rows_written"
    " FROM backfill_streams"
    " WHERE repository_id = $1::uuid AND scope = $2::text AND stream = $3::text";

inline constexpr const char* kResetStream =
    "UPDATE backfill_streams SET pass_ended = false, pass_total = 0, ended = false, page = 0,"
    " last_github_id = NULL, updated_at = $4::timestamp"
    " WHERE repository_id = $1::uuid AND scope = $2::text AND stream = $3::text";

// The page and last id stay: the walk goes on from where it was.
inline constexpr const char* kStartStream =
    "INSERT INTO backfill_streams (repository_id, scope, stream, pass_ended, pass_total,"
    " updated_at)"
    " VALUES ($1::uuid, $2::text, $3::text, true, $4::bigint, $5::timestamp)"
    " ON CONFLICT (repository_id, scope, stream) DO UPDATE SET"
    "  pass_ended = true, pass_total = EXCLUDED.pass_total, ended = false,"
    "  updated_at = EXCLUDED.updated_at";

inline constexpr const char* kAdvanceStream =
    "UPDATE backfill_streams SET page = $4::bigint, last_github_id = $5::bigint,"
    " ended = $6::boolean, rows_written = rows_written + $7::bigint, updated_at = $8::timestamp"
    " WHERE repository_id = $1::uuid AND scope = $2::text AND stream = $3::text RETURNING id";

// A stream page is a chunk of its scope: counted, its requests added to the
// scope's points (a REST request costs 1) and its metrics row written; the
// PR cursor stays.
inline constexpr const char* kCountStreamChunk =
    "WITH scope AS ("
    " UPDATE backfill_scopes SET updated_at = $3::timestamp,"
    "  chunks_committed = chunks_committed + 1, points_used = points_used + $4::bigint"
    " WHERE repository_id = $1::uuid AND scope = $2::text"
    " RETURNING id, chunks_committed),"
    " chunk AS ("
    " INSERT INTO backfill_chunks (scope_id, repository_id, run_id, chunk_index, cursor,"
    "  pr_count, chunk_size, requests, retries, rate_limit_remaining, duration_ms, ran_at, points,"
    "  rate_limit_reset_at)"
    " SELECT scope.id, $1::uuid, $5::uuid, scope.chunks_committed, $6::text, 0,"
    "  $7::integer, $8::bigint, $9::bigint, $10::bigint, $11::bigint, $3::timestamp, $4::bigint,"
    "  $12::timestamp"
    " FROM scope)"
    " SELECT id FROM scope";

// Linked to its PR by number when that is stored; kept unlinked (and linked
// by depth_link_comments when the PR arrives) otherwise.
inline constexpr const char* kUpsertStreamComments =
    "INSERT INTO comments (github_id, kind, pull_request_id, repository_id, pull_request_number,"
    " author_id, body, created_at, updated_at, path, line, review_github_id,"
    " in_reply_to_github_id)"
    " SELECT m.github_id, m.kind, p.id, $1::uuid, m.number, c.id, m.body, m.created_at,"
    "  m.updated_at, m.path, m.line, m.review_github_id, m.in_reply_to"
    " FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[],"
    "             $7::timestamp[], $8::timestamp[], $9::text[], $10::bigint[], $11::bigint[],"
    "             $12::bigint[])"
    "      AS m(github_id, kind, number, author_github_id, body, created_at, updated_at, path,"
    "           line, review_github_id, in_reply_to)"
    " LEFT JOIN pull_requests p ON p.repository_id = $1::uuid AND p.number = m.number"
    " LEFT JOIN contributors c ON c.github_id = m.author_github_id"
    " ON CONFLICT (kind, github_id) DO UPDATE SET"
    "  pull_request_id = coalesce(EXCLUDED.pull_request_id, comments.pull_request_id),"
    "  repository_id = EXCLUDED.repository_id,"
    "  pull_request_number = EXCLUDED.pull_request_number, author_id = EXCLUDED.author_id,"
    "  body = EXCLUDED.body, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,"
    "  path = EXCLUDED.path, line = EXCLUDED.line, review_github_id = EXCLUDED.review_github_id,"
    "  in_reply_to_github_id = EXCLUDED.in_reply_to_github_id";

// A PR's review comments that GitHub no longer lists, linked to the stored
// PR or still waiting for it by number.
inline constexpr const char* kDeletePullReviewCommentsNotIn =
    "DELETE FROM comments"
    " WHERE kind = 'review'"
    "   AND (pull_request_id = (SELECT id FROM pull_requests WHERE repository_id = $1::uuid"
    "                                                         AND number = $2::bigint)"
    "        OR (pull_request_id IS NULL AND repository_id = $1::uuid"
    "            AND pull_request_number = $2::bigint))"
    "   AND github_id <> ALL($3::bigint[])";

}  // namespace backfill::store::postgres::sql
