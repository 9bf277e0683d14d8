#pragma once
// The refresh statements of the SQLite backend (migration 0007).

namespace backfill::store::sqlite::sql {

inline constexpr const char* kLoadRefresh =
    "SELECT repository_id, scope, refreshed_at, watermark, etag, last_modified, changed"
    " FROM refresh_state WHERE repository_id = ?1 AND scope = ?2";

inline constexpr const char* kStoredUpdatedAt =
    "SELECT updated_at FROM pull_requests WHERE github_id = ?1";

// New PRs a refresh met: GitHub has at least as many as are stored now.
inline constexpr const char* kAddProcessed =
    "UPDATE backfill_progress SET total_processed = total_processed + ?2,"
    " total_expected = max(coalesce(total_expected, 0), total_processed + ?2)"
    " WHERE repository_id = ?1";

inline constexpr const char* kWriteRefresh =
    "INSERT INTO refresh_state"
    " (repository_id, scope, refreshed_at, watermark, etag, last_modified, changed)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (repository_id, scope) DO UPDATE SET"
    "  refreshed_at = excluded.refreshed_at, watermark = excluded.watermark,"
    "  etag = excluded.etag, last_modified = excluded.last_modified, changed = excluded.changed";

inline constexpr const char* kRecordUnchanged =
    "UPDATE refresh_state SET refreshed_at = ?3, changed = 0"
    " WHERE repository_id = ?1 AND scope = ?2";

// Columns 0-3 the repository, 4 refreshed_at. A backfill completed since
// the cutoff is as fresh as a refresh then.
inline constexpr const char* kRefreshesDue =
    "SELECT r.id, r.github_id, r.owner, r.name, s.refreshed_at"
    " FROM repositories r JOIN backfill_progress p ON p.repository_id = r.id"
    " LEFT JOIN refresh_state s ON s.repository_id = r.id AND s.scope = ?1"
    " WHERE r.tracked AND p.status = 'completed'"
    "   AND (coalesce(s.refreshed_at, p.completed_at) IS NULL"
    "        OR coalesce(s.refreshed_at, p.completed_at) < ?2)"
    " ORDER BY coalesce(s.refreshed_at, p.completed_at) IS NOT NULL,"
    "  coalesce(s.refreshed_at, p.completed_at), lower(r.owner), lower(r.name)";

}  // namespace backfill::store::sqlite::sql
