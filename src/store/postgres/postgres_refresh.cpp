// The refresh side of the PostgreSQL backend (store/refresh_store.hpp).
#include "store/chunk_rows.hpp"
#include "store/postgres/pg_array_literal.hpp"
#include "store/postgres/postgres_refresh_sql.hpp"
#include "store/postgres/postgres_store_impl.hpp"

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

namespace {

// The chunk's rows as the array parameters of the prepared upserts
// (upsert_contributors, upsert_pulls: postgres_sql.hpp).
struct PullArrays {
  explicit PullArrays(const ChunkRows& rows) {
    for (const auto& a : rows.authors) {
      author_ids.add_int(a.github_id);
      logins.add_text(a.login);
      avatars.add_text(a.avatar_url);
      types.add_text(a.type);
    }
    for (const auto& p : rows.pulls) {
      ids.add_int(p.github_id);
      numbers.add_int(p.number);
      titles.add_text(p.title);
      bodies.add_text(p.body);
      states.add_text(p.state);
      drafts.add_bool(p.draft);
      authors.add_int(p.author_github_id);
      created.add_text(p.created_at);
      updated.add_text(p.updated_at);
      closed.add_text(p.closed_at);
      merged.add_text(p.merged_at);
      shas.add_text(p.merge_commit_sha);
      heads.add_text(p.head_ref);
      bases.add_text(p.base_ref);
      urls.add_text(p.html_url);
    }
  }
  postgres::ArrayLiteral author_ids, logins, avatars, types;
  postgres::ArrayLiteral ids, numbers, titles, bodies, states, drafts, authors, created, updated,
      closed, merged, shas, heads, bases, urls;
};

}  // namespace

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
  const PullArrays a(rows);
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    RefreshWrite result;
    if (!rows.pulls.empty()) {
      const auto counts = tx.exec_prepared1("refresh_count_changed", a.ids.str(), a.updated.str());
      result.inserted = counts[0].as<std::int64_t>();
      result.changed = counts[1].as<std::int64_t>();
      if (!rows.authors.empty()) {
        tx.exec_prepared("upsert_contributors", a.author_ids.str(), a.logins.str(), a.avatars.str(),
                         a.types.str(), rows.now);
      }
      tx.exec_prepared("upsert_pulls", chunk.repository_id, a.ids.str(), a.numbers.str(),
                       a.titles.str(), a.bodies.str(), a.states.str(), a.drafts.str(),
                       a.authors.str(), a.created.str(), a.updated.str(), a.closed.str(),
                       a.merged.str(), a.shas.str(), a.heads.str(), a.bases.str(), a.urls.str(),
                       rows.now);
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
