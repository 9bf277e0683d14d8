#pragma once
// The backfill_chunks row every committed chunk leaves (list and depth
// scopes alike): both INSERT statements (sqlite_sql.hpp kInsertChunk,
// sqlite_depth_sql.hpp kInsertScopeChunk) share parameters ?1 to ?14, so
// the row is bound in one place; the depth statement adds ?15 (points).
#include <cstdint>
#include <string>

#include "backfill/store/records.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace backfill::store::sqlite {

struct ChunkRecord {
  const std::string& id;
  const std::string& owner_id;  // backfill_progress.id or backfill_scopes.id
  const std::string& repository_id;
  std::int64_t chunk_index = 0;
  const std::string& cursor;
  std::int64_t pr_count = 0;
  const ChunkMetrics& metrics;
  const std::string& now;
};

inline Query& bind_chunk_record(Query& q, const ChunkRecord& r) {
  const ChunkMetrics& m = r.metrics;
  return q.text(1, r.id)
      .text(2, r.owner_id)
      .text(3, r.repository_id)
      .text(4, m.run_id)
      .integer(5, r.chunk_index)
      .text(6, r.cursor)
      .integer(7, r.pr_count)
      .integer(8, m.chunk_size)
      .integer(9, static_cast<std::int64_t>(m.requests))
      .integer(10, static_cast<std::int64_t>(m.retries))
      .integer(11, m.rate_limit_remaining)
      .integer(12, static_cast<std::int64_t>(m.duration.count()))
      .text(13, r.now)
      .text(14, m.rate_limit_reset_at);
}

}  // namespace backfill::store::sqlite
