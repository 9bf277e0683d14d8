// PostgresStore's depth-scope streams (store/stream_store.hpp): a page's
// rows and the stream's cursor in one transaction.
#include "backfill/core/errors.hpp"
#include "store/postgres/comment_arrays.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/postgres/postgres_stream_sql.hpp"
#include "store/postgres/pull_upserts.hpp"
#include "store/stream_rows.hpp"

namespace backfill::store {

namespace {

namespace sql = postgres::sql;
using postgres::ArrayLiteral;

void write_comments(pqxx::work& tx, const std::string& repository_id, const StreamRows& rows) {
  if (rows.comments.empty()) return;
  const postgres::CommentArrays c(rows.comments);
  tx.exec_prepared("stream_upsert_comments", repository_id, c.ids.str(), c.kinds.str(),
                   c.numbers.str(), c.authors.str(), c.bodies.str(), c.created.str(),
                   c.updated.str(), c.paths.str(), c.lines.str(), c.review_ids.str(),
                   c.replies.str());
}

// The comments of a stream page (or of a PR's listing in a refresh) and
// their authors.
void write_stream_rows(pqxx::work& tx, const std::string& repository_id, const StreamRows& rows,
                       const std::string& now) {
  ChunkRows authors;  // the authors alone, bound as a chunk's are
  authors.authors = rows.authors;
  authors.now = now;
  const postgres::PullArrays arrays(authors);
  postgres::upsert_contributors(tx, arrays, authors);
  write_comments(tx, repository_id, rows);
}

}  // namespace

namespace postgres {

void prepare_stream_statements(pqxx::connection_base& db) {
  db.prepare("stream_load", sql::kLoadStream);
  db.prepare("stream_reset", sql::kResetStream);
  db.prepare("stream_start", sql::kStartStream);
  db.prepare("stream_advance", sql::kAdvanceStream);
  db.prepare("stream_count_chunk", sql::kCountStreamChunk);
  db.prepare("stream_upsert_comments", sql::kUpsertStreamComments);
  db.prepare("stream_delete_pull_review_comments", sql::kDeletePullReviewCommentsNotIn);
}

}  // namespace postgres

std::optional<StreamProgress> PostgresStore::load_stream(const StreamKey& key) {
  return impl_->guarded([&]() -> std::optional<StreamProgress> {
    pqxx::nontransaction tx(*impl_->db);
    auto r = tx.exec_prepared("stream_load", key.repository_id, key.scope, key.stream);
    if (r.empty()) return std::nullopt;
    const pqxx::row row = r[0];
    const postgres::Columns c{row};
    StreamProgress p;
    p.pass_ended = c.boolean(0);
    p.pass_total = c.integer(1);
    p.ended = c.boolean(2);
    p.page = static_cast<long>(c.integer(3));
    p.last_github_id = c.optional_integer(4);
    p.rows = c.integer(5);
    return p;
  });
}

void PostgresStore::reset_stream(const StreamKey& key, const std::string& now) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    tx.exec_prepared("stream_reset", key.repository_id, key.scope, key.stream, now);
    tx.commit();
  });
}

void PostgresStore::start_stream(const StreamKey& key, std::int64_t pass_total,
                                 const std::string& now) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    tx.exec_prepared("stream_start", key.repository_id, key.scope, key.stream, pass_total, now);
    tx.commit();
  });
}

void PostgresStore::write_stream_page(const StreamPageWrite& page) {
  const StreamRows rows = stream_rows(page.comments);
  const StreamKey& key = page.key;
  const ChunkMetrics& m = page.metrics;
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    write_stream_rows(tx, key.repository_id, rows, page.now);
    if (tx.exec_prepared("stream_advance", key.repository_id, key.scope, key.stream,
                         static_cast<std::int64_t>(page.page), page.last_github_id, page.ended,
                         static_cast<std::int64_t>(rows.comments.size()), page.now)
            .empty()) {
      throw FatalError("PostgreSQL: no row for stream " + key.stream);
    }
    if (tx.exec_prepared("stream_count_chunk", key.repository_id, key.scope, page.now, page.points,
                         m.run_id, key.stream + " page " + std::to_string(page.page), m.chunk_size,
                         static_cast<std::int64_t>(m.requests),
                         static_cast<std::int64_t>(m.retries), m.rate_limit_remaining,
                         static_cast<std::int64_t>(m.duration.count()), m.rate_limit_reset_at)
            .empty()) {
      throw FatalError("PostgreSQL: no progress row for scope " + key.scope);
    }
    tx.commit();
  });
}

std::int64_t PostgresStore::write_pull_review_comments(const PullReviewCommentsWrite& page) {
  const StreamRows rows = stream_rows(page.comments);
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    write_stream_rows(tx, page.repository_id, rows, page.now);
    std::int64_t deleted = 0;
    if (page.on_github) {
      ArrayLiteral ids;
      for (const auto id : *page.on_github) ids.add_int(id);
      deleted = tx.exec_prepared("stream_delete_pull_review_comments", page.repository_id,
                                 page.pull_number, ids.str())
                    .affected_rows();
    }
    tx.commit();
    return deleted;
  });
}

}  // namespace backfill::store
