#pragma once
// The registry statements of the SQLite backend (migration 0003).

namespace backfill::store::sqlite::sql {

// RETURNING says whether a row changed: only an untracked row is tracked
// (so tracked_at keeps the first time), only a tracked one untracked.
inline constexpr const char* kMarkTracked =
    "UPDATE repositories SET tracked = TRUE, tracked_at = ?2"
    " WHERE id = ?1 AND NOT tracked RETURNING id";
inline constexpr const char* kUntrack =
    "UPDATE repositories SET tracked = FALSE, tracked_at = NULL"
    " WHERE id = ?1 AND tracked RETURNING id";
inline constexpr const char* kRecordPullCount =
    "UPDATE repositories SET github_pull_count = ?2, github_count_checked_at = ?3 WHERE id = ?1";

// Columns 0-3 the repository, 4-6 the registry, 7-17 the progress (NULL
// when the backfill never started), as sqlite_rows.hpp reads them, 18-19
// the scheduling state.
inline constexpr const char* kTrackedRepositories =
    "SELECT r.id, r.github_id, r.owner, r.name, r.tracked_at, r.github_pull_count,"
    " r.github_count_checked_at,"
    " p.repository_id, p.last_processed_cursor, p.total_processed, p.total_expected, p.status,"
    " p.last_error, p.error_count, p.started_at, p.updated_at, p.completed_at, p.resume_after,"
    " r.dispatched_at, r.prefer_actions"
    " FROM repositories r LEFT JOIN backfill_progress p ON p.repository_id = r.id"
    " WHERE r.tracked ORDER BY lower(r.owner), lower(r.name)";

inline constexpr const char* kRecordDispatch =
    "UPDATE repositories SET dispatched_at = ?2 WHERE id = ?1";
inline constexpr const char* kSetPreferActions =
    "UPDATE repositories SET prefer_actions = ?2 WHERE id = ?1";

}  // namespace backfill::store::sqlite::sql
