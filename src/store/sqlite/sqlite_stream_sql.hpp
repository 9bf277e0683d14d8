#pragma once
// The SQLite statements of a depth scope's streams (store/stream_store.hpp).

namespace backfill::store::sqlite::sql {

inline constexpr const char* kLoadStream =
    "SELECT pass_ended, pass_total, ended, page, last_github_id, rows_written"
    " FROM backfill_streams WHERE repository_id = ?1 AND scope = ?2 AND stream = ?3";

inline constexpr const char* kResetStream =
    "UPDATE backfill_streams SET pass_ended = 0, pass_total = 0, ended = 0, page = 0,"
    " last_github_id = NULL, updated_at = ?4"
    " WHERE repository_id = ?1 AND scope = ?2 AND stream = ?3";

// The page and last id stay: the walk goes on from where it was.
inline constexpr const char* kStartStream =
    "INSERT INTO backfill_streams"
    " (id, repository_id, scope, stream, pass_ended, pass_total, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)"
    " ON CONFLICT (repository_id, scope, stream) DO UPDATE SET"
    "  pass_ended = 1, pass_total = excluded.pass_total, ended = 0,"
    "  updated_at = excluded.updated_at";

inline constexpr const char* kAdvanceStream =
    "UPDATE backfill_streams SET page = ?4, last_github_id = ?5, ended = ?6,"
    " rows_written = rows_written + ?7, updated_at = ?8"
    " WHERE repository_id = ?1 AND scope = ?2 AND stream = ?3 RETURNING id";

// A stream page is a chunk of its scope: counted, and its requests added
// to the scope's points (a REST request costs 1); the PR cursor stays.
inline constexpr const char* kCountStreamChunk =
    "UPDATE backfill_scopes SET updated_at = ?3, chunks_committed = chunks_committed + 1,"
    " points_used = points_used + ?4"
    " WHERE repository_id = ?1 AND scope = ?2 RETURNING id, chunks_committed";

// Linked to its PR by number when that is stored; kept unlinked (and linked
// by kLinkComments when the PR arrives) otherwise.
inline constexpr const char* kUpsertStreamComment =
    "INSERT INTO comments (id, github_id, kind, pull_request_id, repository_id,"
    " pull_request_number, author_id, body, created_at, updated_at, path, line,"
    " review_github_id, in_reply_to_github_id)"
    " VALUES (?1, ?2, ?3,"
    "         (SELECT id FROM pull_requests WHERE repository_id = ?4 AND number = ?5), ?4, ?5,"
    "         (SELECT id FROM contributors WHERE github_id = ?6), ?7, ?8, ?9, ?10, ?11, ?12,"
    "         ?13)"
    " ON CONFLICT (kind, github_id) DO UPDATE SET"
    "  pull_request_id = coalesce(excluded.pull_request_id, comments.pull_request_id),"
    "  repository_id = excluded.repository_id,"
    "  pull_request_number = excluded.pull_request_number, author_id = excluded.author_id,"
    "  body = excluded.body, created_at = excluded.created_at, updated_at = excluded.updated_at,"
    "  path = excluded.path, line = excluded.line, review_github_id = excluded.review_github_id,"
    "  in_reply_to_github_id = excluded.in_reply_to_github_id";

// A PR's review comments that GitHub no longer lists (?3, a JSON array),
// linked to the stored PR or still waiting for it by number.
inline constexpr const char* kDeletePullReviewCommentsNotIn =
    "DELETE FROM comments"
    " WHERE kind = 'review'"
    "   AND (pull_request_id = (SELECT id FROM pull_requests WHERE repository_id = ?1"
    "                                                         AND number = ?2)"
    "        OR (pull_request_id IS NULL AND repository_id = ?1 AND pull_request_number = ?2))"
    "   AND github_id NOT IN (SELECT value FROM json_each(?3))"
    " RETURNING 1";

}  // namespace backfill::store::sqlite::sql
