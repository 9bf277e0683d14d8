// SqliteStore's refresh of a depth scope (store/depth_refresh_store.hpp):
// a chunk's upserts, replacements and refresh_state row in one BEGIN
// IMMEDIATE transaction.
#include <nlohmann/json.hpp>

#include "store/chunk_rows.hpp"
#include "store/deep_rows.hpp"
#include "store/sqlite/sqlite_depth_refresh_sql.hpp"
#include "store/sqlite/sqlite_refresh_sql.hpp"
#include "store/sqlite/sqlite_rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace backfill::store {

namespace {

namespace sql = sqlite::sql;
using sqlite::Columns;
using sqlite::Query;
using sqlite::WriteTransaction;

std::string json_ids(const std::vector<std::int64_t>& ids) { return nlohmann::json(ids).dump(); }

std::int64_t rows_of(Query& q) {
  std::int64_t n = 0;
  while (q.step()) ++n;
  return n;
}

}  // namespace

std::map<std::int64_t, std::string> SqliteStore::stored_updated_at(
    const std::vector<std::int64_t>& pull_github_ids) {
  std::map<std::int64_t, std::string> out;
  if (pull_github_ids.empty()) return out;
  Query q = db_.query(sql::kStoredUpdatedAtOf);
  q.text(1, json_ids(pull_github_ids));
  while (q.step()) out[q.column_int(0)] = q.column_text(1);
  return out;
}

DepthRefreshWrite SqliteStore::write_depth_refresh_chunk(const DepthRefreshChunk& chunk) {
  const DeepRows rows = deep_rows(chunk.pulls, "", chunk.now);
  DepthRefreshWrite result;
  WriteTransaction tx(db_);
  write_deep_rows(chunk.repository_id, rows);
  for (const auto& kept : chunk.children) {
    if (kept.reviews) {
      Query q = db_.query(sql::kDeleteReviewsNotIn);
      q.integer(1, kept.pull_github_id).text(2, json_ids(*kept.reviews));
      result.reviews_deleted += rows_of(q);
    }
    if (kept.comments) {
      Query q = db_.query(sql::kDeleteIssueCommentsNotIn);
      q.integer(1, kept.pull_github_id).text(2, json_ids(*kept.comments));
      result.comments_deleted += rows_of(q);
    }
  }
  if (chunk.inserted > 0) {
    db_.query(sql::kAddProcessed).text(1, chunk.repository_id).integer(2, chunk.inserted).run();
  }
  if (const auto& f = chunk.finish) {
    db_.query(sql::kWriteRefresh)
        .text(1, chunk.repository_id)
        .text(2, f->scope)
        .text(3, f->refreshed_at)
        .text(4, f->watermark)
        .text(5, strip_nul(f->etag))
        .text(6, strip_nul(f->last_modified))
        .integer(7, f->changed)
        .run();
  }
  tx.commit();
  return result;
}

std::vector<DepthRefreshDue> SqliteStore::depth_refreshes_due(const std::string& cutoff) {
  Query q = db_.query(sql::kDepthRefreshesDue);
  q.text(1, cutoff);
  std::vector<DepthRefreshDue> out;
  while (q.step()) {
    const Columns c{q};
    out.push_back({repository_from(c), c.text(4), c.optional_text(5)});
  }
  return out;
}

}  // namespace backfill::store
