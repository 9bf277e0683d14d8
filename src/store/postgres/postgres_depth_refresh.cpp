// PostgresStore's refresh of a depth scope (store/depth_refresh_store.hpp):
// a chunk's upserts, replacements and refresh_state row in one transaction.
#include "store/chunk_rows.hpp"
#include "store/deep_rows.hpp"
#include "store/postgres/deep_writes.hpp"
#include "store/postgres/pg_array_literal.hpp"
#include "store/postgres/postgres_depth_refresh_sql.hpp"
#include "store/postgres/postgres_store_impl.hpp"

namespace backfill::store {

namespace {

std::string array_of(const std::vector<std::int64_t>& ids) {
  postgres::ArrayLiteral array;
  for (const auto id : ids) array.add_int(id);
  return array.str();
}

}  // namespace

namespace postgres {

void prepare_depth_refresh_statements(pqxx::connection_base& db) {
  db.prepare("depth_refresh_stored_updated_at", sql::kStoredUpdatedAtOf);
  db.prepare("depth_refresh_delete_reviews", sql::kDeleteReviewsNotIn);
  db.prepare("depth_refresh_delete_comments", sql::kDeleteIssueCommentsNotIn);
  db.prepare("depth_refreshes_due", sql::kDepthRefreshesDue);
}

}  // namespace postgres

std::map<std::int64_t, std::string> PostgresStore::stored_updated_at(
    const std::vector<std::int64_t>& pull_github_ids) {
  std::map<std::int64_t, std::string> out;
  if (pull_github_ids.empty()) return out;
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    for (const auto& row :
         tx.exec_prepared("depth_refresh_stored_updated_at", array_of(pull_github_ids))) {
      out[row[0].as<std::int64_t>()] = row[1].is_null() ? "" : row[1].as<std::string>();
    }
    return out;
  });
}

DepthRefreshWrite PostgresStore::write_depth_refresh_chunk(const DepthRefreshChunk& chunk) {
  const DeepRows rows = deep_rows(chunk.pulls, "", chunk.now);
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    DepthRefreshWrite result;
    postgres::write_deep_rows(tx, chunk.repository_id, rows);
    for (const auto& kept : chunk.children) {
      if (kept.reviews) {
        result.reviews_deleted += tx.exec_prepared("depth_refresh_delete_reviews",
                                                   kept.pull_github_id, array_of(*kept.reviews))
                                      .affected_rows();
      }
      if (kept.comments) {
        result.comments_deleted += tx.exec_prepared("depth_refresh_delete_comments",
                                                    kept.pull_github_id, array_of(*kept.comments))
                                       .affected_rows();
      }
    }
    if (chunk.inserted > 0) {
      tx.exec_prepared("refresh_add_processed", chunk.repository_id, chunk.inserted);
    }
    if (const auto& f = chunk.finish) {
      tx.exec_prepared("write_refresh", chunk.repository_id, f->scope, f->refreshed_at,
                       f->watermark, strip_nul(f->etag), strip_nul(f->last_modified), f->changed);
    }
    tx.commit();
    return result;
  });
}

std::vector<DepthRefreshDue> PostgresStore::depth_refreshes_due(const std::string& cutoff) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    std::vector<DepthRefreshDue> out;
    for (const auto& row : tx.exec_prepared("depth_refreshes_due", cutoff)) {
      const postgres::Columns c{row};
      out.push_back({repository_from(c), c.text(4), c.optional_text(5)});
    }
    return out;
  });
}

}  // namespace backfill::store
