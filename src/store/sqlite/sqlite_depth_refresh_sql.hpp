#pragma once
// The SQLite statements of a refresh of a depth scope (store/depth_refresh_store.hpp).
// Id sets come as one JSON array, read with json_each (SQLite 3.38+).

namespace backfill::store::sqlite::sql {

inline constexpr const char* kStoredUpdatedAtOf =
    "SELECT github_id, updated_at FROM pull_requests"
    " WHERE github_id IN (SELECT value FROM json_each(?1))";

// The PR's reviews that GitHub no longer has.
inline constexpr const char* kDeleteReviewsNotIn =
    "DELETE FROM reviews"
    " WHERE pull_request_id = (SELECT id FROM pull_requests WHERE github_id = ?1)"
    "   AND github_id NOT IN (SELECT value FROM json_each(?2))"
    " RETURNING 1";

// The PR's conversation comments that GitHub no longer has. Inline review
// comments (kind 'review') come from their own stream and stay.
inline constexpr const char* kDeleteIssueCommentsNotIn =
    "DELETE FROM comments"
    " WHERE kind = 'issue'"
    "   AND pull_request_id = (SELECT id FROM pull_requests WHERE github_id = ?1)"
    "   AND github_id NOT IN (SELECT value FROM json_each(?2))"
    " RETURNING 1";

// Columns 0-3 the repository, 4 the scope, 5 refreshed_at. A scope
// completed since the cutoff is as fresh as a refresh then.
inline constexpr const char* kDepthRefreshesDue =
    "SELECT r.id, r.github_id, r.owner, r.name, b.scope, s.refreshed_at"
    " FROM repositories r JOIN backfill_scopes b ON b.repository_id = r.id"
    " LEFT JOIN refresh_state s ON s.repository_id = r.id AND s.scope = b.scope"
    " WHERE r.tracked AND r.backfill_with IS NOT NULL AND b.status = 'completed'"
    "   AND (coalesce(s.refreshed_at, b.completed_at) IS NULL"
    "        OR coalesce(s.refreshed_at, b.completed_at) < ?1)"
    " ORDER BY coalesce(s.refreshed_at, b.completed_at) IS NOT NULL,"
    "  coalesce(s.refreshed_at, b.completed_at), lower(r.owner), lower(r.name), b.scope";

}  // namespace backfill::store::sqlite::sql
