#pragma once
// The registry statements of the PostgreSQL backend (migration 0003).

#include "store/postgres/iso_column.hpp"

namespace backfill::store::postgres::sql {

// RETURNING says whether a row changed: only an untracked row is tracked
// (so tracked_at keeps the first time), only a tracked one untracked.
inline constexpr const char* kMarkTracked =
    "UPDATE repositories SET tracked = TRUE, tracked_at = $2::timestamp"
    " WHERE id = $1::uuid AND NOT tracked RETURNING id";
inline constexpr const char* kUntrack =
    "UPDATE repositories SET tracked = FALSE, tracked_at = NULL"
    " WHERE id = $1::uuid AND tracked RETURNING id";
inline constexpr const char* kRecordPullCount =
    "UPDATE repositories SET github_pull_count = $2::bigint,"
    " github_count_checked_at = $3::timestamp WHERE id = $1::uuid";

// Columns 0-3 the repository, 4-6 the registry, 7-17 the progress (NULL
// when the backfill never started), in the order progress_from reads them.
inline constexpr const char* kTrackedRepositories =
    "SELECT r.id::text, r.github_id, r.owner, r.name, " BACKFILL_ISO("r.tracked_at") ","
    " r.github_pull_count, " BACKFILL_ISO("r.github_count_checked_at") ","
    " p.repository_id::text, p.last_processed_cursor, p.total_processed, p.total_expected,"
    " p.status, p.last_error, p.error_count, " BACKFILL_ISO("p.started_at") ", "
    BACKFILL_ISO("p.updated_at") ", " BACKFILL_ISO("p.completed_at") ", "
    BACKFILL_ISO("p.resume_after") ", " BACKFILL_ISO("r.dispatched_at") ", r.prefer_actions"
    " FROM repositories r LEFT JOIN backfill_progress p ON p.repository_id = r.id"
    " WHERE r.tracked ORDER BY lower(r.owner), lower(r.name)";

inline constexpr const char* kRecordDispatch =
    "UPDATE repositories SET dispatched_at = $2::timestamp WHERE id = $1::uuid";
inline constexpr const char* kSetPreferActions =
    "UPDATE repositories SET prefer_actions = $2::boolean WHERE id = $1::uuid";

}  // namespace backfill::store::postgres::sql
