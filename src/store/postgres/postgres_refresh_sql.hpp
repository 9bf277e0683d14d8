#pragma once
// The refresh statements of the PostgreSQL backend (migration 0007).
#include "store/postgres/iso_column.hpp"

namespace backfill::store::postgres::sql {

inline constexpr const char* kLoadRefresh =
    "SELECT repository_id::text, scope, " BACKFILL_ISO("refreshed_at") ", "
    BACKFILL_ISO("watermark") ", etag, last_modified, changed"
    " FROM refresh_state WHERE repository_id = $1::uuid AND scope = $2::text";

// Read before the chunk's upsert, in its transaction: how many of the
// chunk's PRs are absent or stored with another updated_at.
inline constexpr const char* kCountChanged =
    "SELECT count(*) FILTER (WHERE s.github_id IS NULL),"
    " count(*) FILTER (WHERE s.github_id IS NULL OR s.updated_at IS DISTINCT FROM p.updated_at)"
    " FROM unnest($1::bigint[], $2::timestamp[]) AS p(github_id, updated_at)"
    " LEFT JOIN pull_requests s ON s.github_id = p.github_id";

// New PRs a refresh met: GitHub has at least as many as are stored now.
inline constexpr const char* kAddProcessed =
    "UPDATE backfill_progress SET total_processed = total_processed + $2::bigint,"
    " total_expected = greatest(coalesce(total_expected, 0), total_processed + $2::bigint)"
    " WHERE repository_id = $1::uuid";

inline constexpr const char* kWriteRefresh =
    "INSERT INTO refresh_state"
    " (repository_id, scope, refreshed_at, watermark, etag, last_modified, changed)"
    " VALUES ($1::uuid, $2::text, $3::timestamp, $4::timestamp, $5::text, $6::text, $7::bigint)"
    " ON CONFLICT (repository_id, scope) DO UPDATE SET"
    "  refreshed_at = EXCLUDED.refreshed_at, watermark = EXCLUDED.watermark,"
    "  etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, changed = EXCLUDED.changed";

inline constexpr const char* kRecordUnchanged =
    "UPDATE refresh_state SET refreshed_at = $3::timestamp, changed = 0"
    " WHERE repository_id = $1::uuid AND scope = $2::text";

// Columns 0-3 the repository, 4 refreshed_at. A backfill completed since
// the cutoff is as fresh as a refresh then.
inline constexpr const char* kRefreshesDue =
    "SELECT r.id::text, r.github_id, r.owner, r.name, " BACKFILL_ISO("s.refreshed_at")
    " FROM repositories r JOIN backfill_progress p ON p.repository_id = r.id"
    " LEFT JOIN refresh_state s ON s.repository_id = r.id AND s.scope = $1::text"
    " WHERE r.tracked AND p.status = 'completed'"
    "   AND (coalesce(s.refreshed_at, p.completed_at) IS NULL"
    "        OR coalesce(s.refreshed_at, p.completed_at) < $2::timestamp)"
    " ORDER BY coalesce(s.refreshed_at, p.completed_at) IS NOT NULL,"
    "  coalesce(s.refreshed_at, p.completed_at), lower(r.owner), lower(r.name)";

}  // namespace backfill::store::postgres::sql
