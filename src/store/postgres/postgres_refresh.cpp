// The refresh side of the PostgreSQL backend (store/refresh_store.hpp).
#include "store/chunk_rows.hpp"
#include "store/postgres/postgres_refresh_sql.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/postgres/pull_upserts.hpp"

namespace backfill::store {

namespace postgres {

void prepare_refresh_statements(pqxx::connection_base& db) {
  db.prepare("load_refresh", sql::kLoadRefresh);
  db.prepare("refresh_count_changed", sql::kCountChanged);
  db.prepare("refresh_add_processed", sql::kAddProcessed);
  db.prepare("write_refresh", sql::kWriteRefresh);
  db.prepare("record_unchanged_refresh", sql::kRecordUnchanged);
  db.prepare("refreshes_due", sql::kRefreshesDue);
}

}  // namespace postgres

std::optional<RefreshState> PostgresStore::load_refresh(const std::string& repository_id,
                                                        const std::string& scope) {
  return impl_->guarded([&]() -> std::optional<RefreshState> {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    auto r = tx.exec_prepared("load_refresh", repository_id, scope);
    if (r.empty()) return std::nullopt;
    const postgres::Columns c{r[0]};
    return RefreshState{c.text(0),          c.text(1),          c.optional_text(2),
                        c.optional_text(3), c.optional_text(4), c.optional_text(5),
                        c.integer(6)};
  });
}

RefreshWrite PostgresStore::write_refresh_chunk(const RefreshChunk& chunk) {
  ChunkWrite as_chunk;
  as_chunk.repository_id = chunk.repository_id;
  as_chunk.pulls = chunk.pulls;
  as_chunk.now = chunk.now;
  const ChunkRows rows = chunk_rows(as_chunk);
  const postgres::PullArrays a(rows);
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    RefreshWrite result;
    if (!rows.pulls.empty()) {
      const auto counts = tx.exec_prepared1("refresh_count_changed", a.ids.str(), a.updated.str());
      result.inserted = counts[0].as<std::int64_t>();
      result.changed = counts[1].as<std::int64_t>();
      postgres::upsert_contributors(tx, a, rows);
      postgres::upsert_pulls(tx, chunk.repository_id, a, rows);
      if (result.inserted > 0) {
        tx.exec_prepared("refresh_add_processed", chunk.repository_id, result.inserted);
      }
    }
    if (const auto& f = chunk.finish) {
      tx.exec_prepared("write_refresh", chunk.repository_id, f->scope, f->refreshed_at,
                       f->watermark, strip_nul(f->etag), strip_nul(f->last_modified),
                       f->changed + result.changed);
    }
    tx.commit();
    return result;
  });
}

void PostgresStore::record_unchanged_refresh(const std::string& repository_id,
                                             const std::string& scope, const std::string& now) {
  impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    tx.exec_prepared("record_unchanged_refresh", repository_id, scope, now);
  });
}

std::vector<RefreshDue> PostgresStore::refreshes_due(const std::string& scope,
                                                     const std::string& cutoff) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    std::vector<RefreshDue> out;
    for (const auto& row : tx.exec_prepared("refreshes_due", scope, cutoff)) {
      const postgres::Columns c{row};
      out.push_back({repository_from(c), c.optional_text(4)});
    }
    return out;
  });
}

}  // namespace backfill::store
