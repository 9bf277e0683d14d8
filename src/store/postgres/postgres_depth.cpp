// PostgresStore's depth scopes (store/depth_store.hpp): a chunk's tables
// each in one unnest() statement, all in one transaction.
#include "backfill/core/errors.hpp"
#include "store/deep_rows.hpp"
#include "store/postgres/comment_arrays.hpp"
#include "store/postgres/deep_writes.hpp"
#include "store/postgres/pg_array_literal.hpp"
#include "store/postgres/postgres_depth_sql.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/postgres/pull_upserts.hpp"
#include "store/run_end.hpp"

namespace backfill::store {

namespace {

namespace sql = postgres::sql;
using postgres::ArrayLiteral;
using postgres::Columns;

// Authors first: the PRs, reviews and comments reference them.
void write_pulls(pqxx::work& tx, const std::string& repository_id, const DeepRows& rows) {
  const postgres::PullArrays arrays(rows.base);
  postgres::upsert_contributors(tx, arrays, rows.base);
  if (rows.base.pulls.empty()) return;
  postgres::upsert_pulls(tx, repository_id, arrays, rows.base);
  tx.exec_prepared("depth_link_comments", repository_id, arrays.ids.str());
}

void write_details(pqxx::work& tx, const DeepRows& rows) {
  if (rows.details.empty()) return;
  ArrayLiteral ids, additions, deletions, files, commits, comments, reviews, merged_by, decision;
  for (const auto& d : rows.details) {
    ids.add_int(d.pull_github_id);
    additions.add_int(d.additions);
    deletions.add_int(d.deletions);
    files.add_int(d.changed_files);
    commits.add_int(d.commits_count);
    comments.add_int(d.comments_count);
    reviews.add_int(d.reviews_count);
    merged_by.add_int(d.merged_by_github_id);
    decision.add_text(d.review_decision);
  }
  tx.exec_prepared("depth_write_details", ids.str(), additions.str(), deletions.str(), files.str(),
                   commits.str(), comments.str(), reviews.str(), merged_by.str(), decision.str(),
                   rows.base.now);
}

void write_reviews(pqxx::work& tx, const DeepRows& rows) {
  if (rows.reviews.empty()) return;
  ArrayLiteral ids, pulls, authors, states, bodies, submitted;
  for (const auto& r : rows.reviews) {
    ids.add_int(r.github_id);
    pulls.add_int(r.pull_github_id);
    authors.add_int(r.author_github_id);
    states.add_text(r.state);
    bodies.add_text(r.body);
    submitted.add_text(r.submitted_at);
  }
  tx.exec_prepared("depth_upsert_reviews", ids.str(), pulls.str(), authors.str(), states.str(),
                   bodies.str(), submitted.str());
}

void write_comments(pqxx::work& tx, const std::string& repository_id, const DeepRows& rows) {
  if (rows.comments.empty()) return;
  const postgres::CommentArrays c(rows.comments);
  tx.exec_prepared("depth_upsert_comments", repository_id, c.ids.str(), c.kinds.str(),
                   c.pulls.str(), c.numbers.str(), c.authors.str(), c.bodies.str(), c.created.str(),
                   c.updated.str(), c.paths.str(), c.lines.str(), c.review_ids.str(),
                   c.replies.str());
}

void write_scope_end(pqxx::work& tx, const std::string& repository_id, const std::string& scope,
                     const RunEnd& end) {
  std::optional<Progress> before;
  if (auto r = tx.exec_prepared("depth_load_scope_for_update", repository_id, scope); !r.empty())
    before = progress_from(Columns{r[0]});
  const RunEndRow row = run_end_row(before, end);
  tx.exec_prepared("depth_write_scope_end", repository_id, scope, to_string(row.status),
                   row.last_error, row.error_count, row.updated_at, row.completed_at,
                   row.resume_after, row.total_expected);
}

}  // namespace

namespace postgres {

void write_deep_rows(pqxx::work& tx, const std::string& repository_id, const DeepRows& rows) {
  write_pulls(tx, repository_id, rows);
  write_details(tx, rows);
  write_reviews(tx, rows);
  write_comments(tx, repository_id, rows);
}

void prepare_depth_statements(pqxx::connection_base& db) {
  db.prepare("depth_load_scope", sql::kLoadScope);
  db.prepare("depth_load_scope_for_update", sql::kLoadScopeForUpdate);
  db.prepare("depth_begin_scope", sql::kBeginScope);
  db.prepare("depth_write_details", sql::kWritePullDetails);
  db.prepare("depth_upsert_reviews", sql::kUpsertReviews);
  db.prepare("depth_upsert_comments", sql::kUpsertComments);
  db.prepare("depth_link_comments", sql::kLinkComments);
  db.prepare("depth_advance_scope", sql::kAdvanceScope);
  db.prepare("depth_write_scope_end", sql::kWriteScopeEnd);
  db.prepare("depth_scopes", sql::kScopes);
  db.prepare("depth_set_backfill_with", sql::kSetBackfillWith);
  db.prepare("depth_backfill_with", sql::kBackfillWith);
}

}  // namespace postgres

std::optional<Progress> PostgresStore::load_scope(const std::string& repository_id,
                                                  const std::string& scope) {
  return impl_->guarded([&]() -> std::optional<Progress> {
    pqxx::nontransaction tx(*impl_->db);
    auto r = tx.exec_prepared("depth_load_scope", repository_id, scope);
    if (r.empty()) return std::nullopt;
    return progress_from(Columns{r[0]});
  });
}

void PostgresStore::begin_scope(const std::string& repository_id, const std::string& scope,
                                std::int64_t total_expected, bool restart, const std::string& now) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    tx.exec_prepared("depth_begin_scope", repository_id, scope, total_expected, now, restart);
    tx.commit();
  });
}

std::int64_t PostgresStore::upsert_deep_chunk(const DeepChunkWrite& chunk) {
  const DeepRows rows = deep_rows(chunk.pulls, chunk.cursor, chunk.now);
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    postgres::write_deep_rows(tx, chunk.repository_id, rows);
    const auto& m = chunk.metrics;
    auto r = tx.exec_prepared("depth_advance_scope", chunk.repository_id, chunk.scope,
                              rows.base.cursor, static_cast<std::int64_t>(rows.base.pulls.size()),
                              rows.base.now, chunk.points, m.run_id, m.chunk_size,
                              static_cast<std::int64_t>(m.requests),
                              static_cast<std::int64_t>(m.retries), m.rate_limit_remaining,
                              static_cast<std::int64_t>(m.duration.count()), m.rate_limit_reset_at);
    if (r.empty()) throw FatalError("PostgreSQL: no progress row for scope " + chunk.scope);
    const auto total = r[0][0].as<std::int64_t>();
    tx.commit();
    return total;
  });
}

void PostgresStore::upsert_pull_children(const PullChildrenWrite& children) {
  const DeepRows rows = deep_rows({children.pull}, "", children.now);
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    postgres::write_deep_rows(tx, children.repository_id, rows);
    tx.commit();
  });
}

void PostgresStore::finish_scope(const std::string& repository_id, const std::string& scope,
                                 const RunEnd& end) {
  check_run_end(end);
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    write_scope_end(tx, repository_id, scope, end);
    tx.commit();
  });
}

void PostgresStore::complete_scope(const std::string& repository_id, const std::string& scope,
                                   std::int64_t exact_total_expected, const std::string& now) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    write_scope_end(tx, repository_id, scope, completion(exact_total_expected, now));
    tx.exec_prepared("record_pull_count", repository_id, exact_total_expected, now);
    tx.commit();
  });
}

void PostgresStore::set_backfill_with(const std::string& repository_id,
                                      const std::optional<std::string>& with) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    tx.exec_prepared("depth_set_backfill_with", repository_id, with);
    tx.commit();
  });
}

std::optional<std::string> PostgresStore::backfill_with(const std::string& repository_id) {
  return impl_->guarded([&]() -> std::optional<std::string> {
    pqxx::nontransaction tx(*impl_->db);
    auto r = tx.exec_prepared("depth_backfill_with", repository_id);
    if (r.empty() || r[0][0].is_null()) return std::nullopt;
    return r[0][0].as<std::string>();
  });
}

std::vector<ScopeSummary> PostgresStore::scopes(const std::optional<RepoName>& repo) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);
    std::optional<std::string> key;
    if (repo) key = repo->key();
    std::vector<ScopeSummary> out;
    for (const auto& row : tx.exec_prepared("depth_scopes", key)) {
      Columns c{row};
      ScopeSummary s;
      s.repository = c.text(0);
      s.scope = c.text(1);
      s.total_processed = c.integer(2);
      s.total_expected = c.optional_integer(3);
      s.status = status_from_string(c.text(4));
      s.updated_at = c.optional_text(5);
      s.last_error = c.optional_text(6);
      s.chunks = c.integer(7);
      s.points_used = c.integer(8);
      out.push_back(std::move(s));
    }
    return out;
  });
}

}  // namespace backfill::store
