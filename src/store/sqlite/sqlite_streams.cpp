// SqliteStore's depth-scope streams (store/stream_store.hpp): a page's rows
// and the stream's cursor in one BEGIN IMMEDIATE transaction.
#include <nlohmann/json.hpp>

#include "backfill/core/errors.hpp"
#include "store/sqlite/chunk_record.hpp"
#include "store/sqlite/contributor_rows.hpp"
#include "store/sqlite/sqlite_depth_sql.hpp"
#include "store/sqlite/sqlite_sql.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/sqlite_stream_sql.hpp"
#include "store/stream_rows.hpp"

namespace backfill::store {

namespace sql = sqlite::sql;
using sqlite::Query;
using sqlite::WriteTransaction;

namespace {

// The comments of a stream page (or of a PR's listing in a refresh) and
// their authors, inside the caller's write transaction.
void write_stream_rows(sqlite::Connection& db, UuidGenerator& uuids,
                       const std::string& repository_id, const StreamRows& rows,
                       const std::string& now) {
  sqlite::upsert_contributors(db, uuids, rows.authors, now);
  for (const auto& c : rows.comments) {
    db.query(sql::kUpsertStreamComment)
        .text(1, uuids.next())
        .integer(2, c.github_id)
        .text(3, c.kind)
        .text(4, repository_id)
        .integer(5, c.pull_number)
        .integer(6, c.author_github_id)
        .text(7, c.body)
        .text(8, c.created_at)
        .text(9, c.updated_at)
        .text(10, c.path)
        .integer(11, c.line)
        .integer(12, c.review_github_id)
        .integer(13, c.in_reply_to_github_id)
        .run();
  }
}

std::string json_ids(const std::vector<std::int64_t>& ids) { return nlohmann::json(ids).dump(); }

}  // namespace

std::optional<StreamProgress> SqliteStore::load_stream(const StreamKey& key) {
  Query q = db_.query(sql::kLoadStream);
  if (!q.text(1, key.repository_id).text(2, key.scope).text(3, key.stream).step()) {
    return std::nullopt;
  }
  StreamProgress p;
  p.pass_ended = q.column_int(0) != 0;
  p.pass_total = q.column_int(1);
  p.ended = q.column_int(2) != 0;
  p.page = static_cast<long>(q.column_int(3));
  p.last_github_id = q.column_optional_int(4);
  p.rows = q.column_int(5);
  return p;
}

void SqliteStore::reset_stream(const StreamKey& key, const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(sql::kResetStream)
      .text(1, key.repository_id)
      .text(2, key.scope)
      .text(3, key.stream)
      .text(4, now)
      .run();
  tx.commit();
}

void SqliteStore::start_stream(const StreamKey& key, std::int64_t pass_total,
                               const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(sql::kStartStream)
      .text(1, uuids_.next())
      .text(2, key.repository_id)
      .text(3, key.scope)
      .text(4, key.stream)
      .integer(5, pass_total)
      .text(6, now)
      .run();
  tx.commit();
}

void SqliteStore::write_stream_page(const StreamPageWrite& page) {
  const StreamRows rows = stream_rows(page.comments);
  const StreamKey& key = page.key;
  WriteTransaction tx(db_);
  write_stream_rows(db_, uuids_, key.repository_id, rows, page.now);
  {
    Query q = db_.query(sql::kAdvanceStream);
    q.text(1, key.repository_id)
        .text(2, key.scope)
        .text(3, key.stream)
        .integer(4, static_cast<std::int64_t>(page.page))
        .integer(5, page.last_github_id)
        .integer(6, page.ended ? 1 : 0)
        .integer(7, static_cast<std::int64_t>(rows.comments.size()))
        .text(8, page.now);
    if (!q.step()) throw FatalError("SQLite " + db_.path() + ": no row for stream " + key.stream);
  }
  std::string scope_id;
  std::int64_t chunk_index = 0;
  {
    Query q = db_.query(sql::kCountStreamChunk);
    q.text(1, key.repository_id).text(2, key.scope).text(3, page.now).integer(4, page.points);
    if (!q.step()) {
      throw FatalError("SQLite " + db_.path() + ": no progress row for scope " + key.scope);
    }
    scope_id = q.column_text(0);
    chunk_index = q.column_int(1);
  }
  const std::string cursor = key.stream + " page " + std::to_string(page.page);
  Query record = db_.query(sql::kInsertScopeChunk);
  sqlite::bind_chunk_record(record, {uuids_.next(), scope_id, key.repository_id, chunk_index,
                                     cursor, 0, page.metrics, page.now})
      .integer(15, page.points)
      .run();
  tx.commit();
}

std::int64_t SqliteStore::write_pull_review_comments(const PullReviewCommentsWrite& page) {
  const StreamRows rows = stream_rows(page.comments);
  WriteTransaction tx(db_);
  write_stream_rows(db_, uuids_, page.repository_id, rows, page.now);
  std::int64_t deleted = 0;
  if (page.on_github) {
    Query q = db_.query(sql::kDeletePullReviewCommentsNotIn);
    q.text(1, page.repository_id).integer(2, page.pull_number).text(3, json_ids(*page.on_github));
    while (q.step()) ++deleted;
  }
  tx.commit();
  return deleted;
}

}  // namespace backfill::store
