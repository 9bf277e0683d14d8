// The refresh side of the SQLite backend (store/refresh_store.hpp).
#include "store/chunk_rows.hpp"
#include "store/sqlite/contributor_rows.hpp"
#include "store/sqlite/sqlite_refresh_sql.hpp"
#include "store/sqlite/sqlite_rows.hpp"
#include "store/sqlite/sqlite_sql.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace backfill::store {

namespace {

namespace sql = sqlite::sql;
using sqlite::Columns;
using sqlite::Query;
using sqlite::WriteTransaction;

}  // namespace

std::optional<RefreshState> SqliteStore::load_refresh(const std::string& repository_id,
                                                      const std::string& scope) {
  Query q = db_.query(sql::kLoadRefresh);
  if (!q.text(1, repository_id).text(2, scope).step()) return std::nullopt;
  const Columns c{q};
  return RefreshState{c.text(0),          c.text(1),          c.optional_text(2),
                      c.optional_text(3), c.optional_text(4), c.optional_text(5),
                      c.integer(6)};
}

RefreshWrite SqliteStore::write_refresh_chunk(const RefreshChunk& chunk) {
  ChunkWrite as_chunk;
  as_chunk.repository_id = chunk.repository_id;
  as_chunk.pulls = chunk.pulls;
  as_chunk.now = chunk.now;
  const ChunkRows rows = chunk_rows(as_chunk);
  RefreshWrite result;
  WriteTransaction tx(db_);
  sqlite::upsert_contributors(db_, uuids_, rows.authors, rows.now);
  for (const auto& pr : rows.pulls) {
    {
      Query stored = db_.query(sql::kStoredUpdatedAt);
      if (!stored.integer(1, pr.github_id).step()) {
        ++result.inserted;
        ++result.changed;
      } else if (stored.column_optional_text(0) != pr.updated_at) {
        ++result.changed;
      }
    }
    upsert_pull_row(pr, chunk.repository_id, rows.now);
  }
  if (result.inserted > 0) {
    db_.query(sql::kAddProcessed).text(1, chunk.repository_id).integer(2, result.inserted).run();
  }
  if (const auto& f = chunk.finish) {
    db_.query(sql::kWriteRefresh)
        .text(1, chunk.repository_id)
        .text(2, f->scope)
        .text(3, f->refreshed_at)
        .text(4, f->watermark)
        .text(5, strip_nul(f->etag))
        .text(6, strip_nul(f->last_modified))
        .integer(7, f->changed + result.changed)
        .run();
  }
  tx.commit();
  return result;
}

void SqliteStore::record_unchanged_refresh(const std::string& repository_id,
                                           const std::string& scope, const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(sql::kRecordUnchanged).text(1, repository_id).text(2, scope).text(3, now).run();
  tx.commit();
}

std::vector<RefreshDue> SqliteStore::refreshes_due(const std::string& scope,
                                                   const std::string& cutoff) {
  Query q = db_.query(sql::kRefreshesDue);
  q.text(1, scope).text(2, cutoff);
  std::vector<RefreshDue> out;
  while (q.step()) {
    const Columns c{q};
    out.push_back({repository_from(c), c.optional_text(4)});
  }
  return out;
}

}  // namespace backfill::store
