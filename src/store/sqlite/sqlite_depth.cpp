// SqliteStore's depth scopes (store/depth_store.hpp): every write in one
// BEGIN IMMEDIATE transaction, as a list chunk is.
#include "backfill/core/errors.hpp"
#include "store/deep_rows.hpp"
#include "store/error_text.hpp"
#include "store/run_end.hpp"
#include "store/sqlite/chunk_record.hpp"
#include "store/sqlite/contributor_rows.hpp"
#include "store/sqlite/sqlite_depth_sql.hpp"
#include "store/sqlite/sqlite_registry_sql.hpp"
#include "store/sqlite/sqlite_rows.hpp"
#include "store/sqlite/sqlite_sql.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace backfill::store {

namespace sql = sqlite::sql;
using sqlite::Columns;
using sqlite::Query;
using sqlite::WriteTransaction;

std::optional<Progress> SqliteStore::load_scope(const std::string& repository_id,
                                                const std::string& scope) {
  Query q = db_.query(sql::kLoadScope);
  if (!q.text(1, repository_id).text(2, scope).step()) return std::nullopt;
  return progress_from(Columns{q});
}

void SqliteStore::begin_scope(const std::string& repository_id, const std::string& scope,
                              std::int64_t total_expected, bool restart, const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(sql::kBeginScope)
      .text(1, uuids_.next())
      .text(2, repository_id)
      .text(3, scope)
      .integer(4, total_expected)
      .text(5, now)
      .integer(6, restart ? 1 : 0)
      .run();
  tx.commit();
}

void SqliteStore::write_deep_rows(const std::string& repository_id, const DeepRows& rows) {
  const std::string& now = rows.base.now;
  sqlite::upsert_contributors(db_, uuids_, rows.base.authors, now);
  for (const auto& pr : rows.base.pulls) {
    upsert_pull_row(pr, repository_id, now);
    db_.query(sql::kLinkComments)
        .text(1, repository_id)
        .integer(2, pr.number)
        .integer(3, pr.github_id)
        .run();
  }
  for (const auto& d : rows.details) {
    db_.query(sql::kWritePullDetails)
        .integer(1, d.pull_github_id)
        .integer(2, d.additions)
        .integer(3, d.deletions)
        .integer(4, d.changed_files)
        .integer(5, d.commits_count)
        .integer(6, d.comments_count)
        .integer(7, d.reviews_count)
        .integer(8, d.merged_by_github_id)
        .text(9, d.review_decision)
        .text(10, now)
        .run();
  }
  for (const auto& r : rows.reviews) {
    db_.query(sql::kUpsertReview)
        .text(1, uuids_.next())
        .integer(2, r.github_id)
        .integer(3, r.pull_github_id)
        .integer(4, r.author_github_id)
        .text(5, r.state)
        .text(6, r.body)
        .text(7, r.submitted_at)
        .run();
  }
  for (const auto& c : rows.comments) {
    db_.query(sql::kUpsertComment)
        .text(1, uuids_.next())
        .integer(2, c.github_id)
        .text(3, c.kind)
        .integer(4, c.pull_github_id)
        .text(5, repository_id)
        .integer(6, c.pull_number)
        .integer(7, c.author_github_id)
        .text(8, c.body)
        .text(9, c.created_at)
        .text(10, c.updated_at)
        .text(11, c.path)
        .integer(12, c.line)
        .integer(13, c.review_github_id)
        .integer(14, c.in_reply_to_github_id)
        .run();
  }
}

std::int64_t SqliteStore::upsert_deep_chunk(const DeepChunkWrite& chunk) {
  const DeepRows rows = deep_rows(chunk.pulls, chunk.cursor, chunk.now);
  WriteTransaction tx(db_);
  write_deep_rows(chunk.repository_id, rows);
  std::int64_t total = 0;
  std::string scope_id;
  std::int64_t chunk_index = 0;
  {
    Query q = db_.query(sql::kAdvanceScope);
    q.text(1, chunk.repository_id)
        .text(2, chunk.scope)
        .text(3, rows.base.cursor)
        .integer(4, static_cast<std::int64_t>(rows.base.pulls.size()))
        .text(5, rows.base.now)
        .integer(6, chunk.points);
    if (!q.step()) {
      throw FatalError("SQLite " + db_.path() + ": no progress row for scope " + chunk.scope);
    }
    total = q.column_int(0);
    scope_id = q.column_text(1);
    chunk_index = q.column_int(2);
  }
  Query record = db_.query(sql::kInsertScopeChunk);
  sqlite::bind_chunk_record(
      record, {uuids_.next(), scope_id, chunk.repository_id, chunk_index, rows.base.cursor,
               static_cast<std::int64_t>(rows.base.pulls.size()), chunk.metrics, rows.base.now})
      .integer(15, chunk.points)
      .run();
  tx.commit();
  return total;
}

void SqliteStore::upsert_pull_children(const PullChildrenWrite& children) {
  const DeepRows rows = deep_rows({children.pull}, "", children.now);
  WriteTransaction tx(db_);
  write_deep_rows(children.repository_id, rows);
  tx.commit();
}

void SqliteStore::write_scope_end(const std::string& repository_id, const std::string& scope,
                                  const RunEnd& end) {
  const RunEndRow row = run_end_row(load_scope(repository_id, scope), end);
  db_.query(sql::kWriteScopeEnd)
      .text(1, uuids_.next())
      .text(2, repository_id)
      .text(3, scope)
      .text(4, to_string(row.status))
      .text(5, row.last_error)
      .integer(6, row.error_count)
      .text(7, row.updated_at)
      .text(8, row.completed_at)
      .text(9, row.resume_after)
      .integer(10, row.total_expected)
      .run();
}

void SqliteStore::finish_scope(const std::string& repository_id, const std::string& scope,
                               const RunEnd& end) {
  check_run_end(end);
  WriteTransaction tx(db_);
  write_scope_end(repository_id, scope, end);
  tx.commit();
}

void SqliteStore::complete_scope(const std::string& repository_id, const std::string& scope,
                                 std::int64_t exact_total_expected, const std::string& now) {
  WriteTransaction tx(db_);
  write_scope_end(repository_id, scope, completion(exact_total_expected, now));
  db_.query(sql::kRecordPullCount)
      .text(1, repository_id)
      .integer(2, exact_total_expected)
      .text(3, now)
      .run();
  tx.commit();
}

void SqliteStore::set_backfill_with(const std::string& repository_id,
                                    const std::optional<std::string>& with) {
  WriteTransaction tx(db_);
  db_.query(sql::kSetBackfillWith).text(1, repository_id).text(2, with).run();
  tx.commit();
}

std::optional<std::string> SqliteStore::backfill_with(const std::string& repository_id) {
  Query q = db_.query(sql::kBackfillWith);
  if (!q.text(1, repository_id).step()) return std::nullopt;
  return q.column_optional_text(0);
}

std::vector<ScopeSummary> SqliteStore::scopes(const std::optional<RepoName>& repo) {
  Query q = db_.query(sql::kScopes);
  if (repo) q.text(1, repo->key());
  else q.null(1);
  std::vector<ScopeSummary> out;
  while (q.step()) {
    ScopeSummary s;
    s.repository = q.column_text(0);
    s.scope = q.column_text(1);
    s.total_processed = q.column_int(2);
    s.total_expected = q.column_optional_int(3);
    s.status = status_from_string(q.column_text(4));
    s.updated_at = q.column_optional_text(5);
    s.last_error = q.column_optional_text(6);
    s.chunks = q.column_int(7);
    s.points_used = q.column_int(8);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace backfill::store
