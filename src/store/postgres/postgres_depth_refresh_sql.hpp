#pragma once
// The PostgreSQL statements of a refresh of a depth scope
// (store/depth_refresh_store.hpp).
#include "store/postgres/iso_column.hpp"

namespace backfill::store::postgres::sql {

inline constexpr const char* kStoredUpdatedAtOf = "SELECT github_id, " BACKFILL_ISO(
    "updated_at") " FROM pull_requests WHERE github_id = ANY($1::bigint[])";

// The PR's reviews that GitHub no longer has.
inline constexpr const char* kDeleteReviewsNotIn =
    "DELETE FROM reviews"
    " WHERE pull_request_id = (SELECT id FROM pull_requests WHERE github_id = $1::bigint)"
    "   AND github_id <> ALL($2::bigint[])";

// The PR's conversation comments that GitHub no longer has. Inline review
// comments (kind 'review') come from their own stream and stay.
inline constexpr const char* kDeleteIssueCommentsNotIn =
    "DELETE FROM comments"
    " WHERE kind = 'issue'"
    "   AND pull_request_id = (SELECT id FROM pull_requests WHERE github_id = $1::bigint)"
    "   AND github_id <> ALL($2::bigint[])";

// Columns 0-3 the repository, 4 the scope, 5 refreshed_at. A scope
// completed since the cutoff is as fresh as a refresh then.
inline constexpr const char* kDepthRefreshesDue =
    "SELECT r.id::text, r.github_id, r.owner, r.name, b.scope, " BACKFILL_ISO("s.refreshed_at")
    " FROM repositories r JOIN backfill_scopes b ON b.repository_id = r.id"
    " LEFT JOIN refresh_state s ON s.repository_id = r.id AND s.scope = b.scope"
    " WHERE r.tracked AND r.backfill_with IS NOT NULL AND b.status = 'completed'"
    "   AND (coalesce(s.refreshed_at, b.completed_at) IS NULL"
    "        OR coalesce(s.refreshed_at, b.completed_at) < $1::timestamp)"
    " ORDER BY coalesce(s.refreshed_at, b.completed_at) IS NOT NULL,"
    "  coalesce(s.refreshed_at, b.completed_at), lower(r.owner), lower(r.name), b.scope";

}  // namespace backfill::store::postgres::sql
