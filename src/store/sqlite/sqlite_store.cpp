#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/contributor_rows.hpp"

#include <stdexcept>

#include "backfill/core/errors.hpp"
#include "store/chunk_rows.hpp"
#include "store/error_text.hpp"
#include "store/lock_key.hpp"
#include "store/migrations.hpp"
#include "store/repository_upsert.hpp"
#include "store/run_end.hpp"
#include "store/sqlite/chunk_record.hpp"
#include "store/sqlite/repository_file_lock.hpp"
#include "store/sqlite/sqlite_registry_sql.hpp"
#include "store/sqlite/sqlite_rows.hpp"
#include "store/sqlite/sqlite_sql.hpp"
#include "store/stale.hpp"

namespace backfill::store {

namespace {

namespace sql = sqlite::sql;
using sqlite::Query;
using sqlite::WriteTransaction;

using sqlite::Columns;

// The row operations of upsert_repository_in, on the caller's transaction.
class SqliteRepositoryRows final : public RepositoryRows {
 public:
  SqliteRepositoryRows(sqlite::Connection& db, UuidGenerator& uuids) : db_(db), uuids_(uuids) {}

  std::optional<Repository> by_github_id(std::int64_t github_id) override {
    Query q = db_.query(sql::kRepositoryByGithubId);
    if (!q.integer(1, github_id).step()) return std::nullopt;
    return repository_from(Columns{q});
  }
  std::optional<Repository> by_name(const RepoName& name) override {
    Query q = db_.query(sql::kFindRepository);
    if (!q.text(1, name.owner).text(2, name.name).step()) return std::nullopt;
    return repository_from(Columns{q});
  }
  std::string insert(std::int64_t github_id, const RepoName& name,
                     const std::string& now) override {
    std::string id = uuids_.next();
    write(sql::kInsertRepository, Repository{id, github_id, name}, now);
    return id;
  }
  void update(const Repository& row, const std::string& now) override {
    write(sql::kUpdateRepository, row, now);
  }

 private:
  void write(const char* statement, const Repository& row, const std::string& now) {
    db_.query(statement)
        .text(1, row.id)
        .integer(2, row.github_id)
        .text(3, row.name.owner)
        .text(4, row.name.name)
        .text(5, now)
        .run();
  }

  sqlite::Connection& db_;
  UuidGenerator& uuids_;
};

}  // namespace

SqliteStore::SqliteStore(const std::string& path) : lock_path_(path + ".locks"), db_(path) {}

std::vector<std::string> SqliteStore::migrate() {
  std::vector<std::string> applied;
  for (const auto& migration : migrations_for("sqlite")) {
    // The write lock serializes concurrent migrators: the second one waits,
    // then finds the version recorded and skips it.
    WriteTransaction tx(db_);
    db_.exec(sql::kCreateSchemaMigrations);
    {
      Query done = db_.query(sql::kMigrationApplied);
      if (done.text(1, migration.version).step()) continue;
    }
    db_.exec(migration.sql);
    db_.query(sql::kRecordMigration).text(1, migration.version).run();
    tx.commit();
    applied.emplace_back(migration.version);
  }
  return applied;
}

std::unique_ptr<RepositoryLock> SqliteStore::try_lock_repository(const Repository& repo) {
  return sqlite::try_lock_repository_file(lock_path_, lock_file_offset(repo));
}

std::optional<Repository> SqliteStore::find_repository(const RepoName& repo) {
  return SqliteRepositoryRows(db_, uuids_).by_name(repo);
}

Repository SqliteStore::upsert_repository(std::int64_t github_id, const RepoName& name,
                                          const std::string& now) {
  WriteTransaction tx(db_);
  Repository result = upsert_repository_row(github_id, name, now);
  tx.commit();
  return result;
}

Repository SqliteStore::upsert_repository_row(std::int64_t github_id, const RepoName& name,
                                              const std::string& now) {
  SqliteRepositoryRows rows(db_, uuids_);
  return upsert_repository_in(rows, github_id, name, now);
}

std::optional<Progress> SqliteStore::load_progress(const std::string& repository_id) {
  Query q = db_.query(sql::kLoadProgress);
  if (!q.text(1, repository_id).step()) return std::nullopt;
  return progress_from(Columns{q});
}

void SqliteStore::begin_run(const std::string& repository_id, std::int64_t total_expected,
                            bool restart, const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(sql::kBeginRun)
      .text(1, uuids_.next())
      .text(2, repository_id)
      .integer(3, total_expected)
      .text(4, now)
      .integer(5, restart ? 1 : 0)
      .run();
  tx.commit();
}

// One PR row, inserted or updated by GitHub id: the same statement for a
// list chunk, a depth chunk and a refresh.
void SqliteStore::upsert_pull_row(const PullRow& pr, const std::string& repository_id,
                                  const std::string& now) {
  db_.query(sql::kUpsertPull)
      .text(1, uuids_.next())
      .integer(2, pr.github_id)
      .text(3, repository_id)
      .integer(4, pr.number)
      .text(5, pr.title)
      .text(6, pr.body)
      .text(7, pr.state)
      .integer(8, pr.draft ? 1 : 0)
      .integer(9, pr.author_github_id)
      .text(10, pr.created_at)
      .text(11, pr.updated_at)
      .text(12, pr.closed_at)
      .text(13, pr.merged_at)
      .text(14, pr.merge_commit_sha)
      .text(15, pr.head_ref)
      .text(16, pr.base_ref)
      .text(17, pr.html_url)
      .text(18, now)
      .run();
}

std::int64_t SqliteStore::upsert_chunk(const ChunkWrite& chunk) {
  const ChunkRows rows = chunk_rows(chunk);
  WriteTransaction tx(db_);
  sqlite::upsert_contributors(db_, uuids_, rows.authors, rows.now);
  std::int64_t inserted = 0;
  for (const auto& pr : rows.pulls) {
    // Counting the PRs that are new makes total_processed exact without a
    // count(*) over the whole repository per chunk.
    if (!db_.query(sql::kPullExists).integer(1, pr.github_id).step()) ++inserted;
    upsert_pull_row(pr, chunk.repository_id, rows.now);
  }
  std::int64_t total = 0;
  std::string backfill_id;
  std::int64_t chunk_index = 0;
  {
    Query q = db_.query(sql::kAdvanceProgress);
    q.text(1, uuids_.next())
        .text(2, chunk.repository_id)
        .text(3, rows.cursor)
        .integer(4, inserted)
        .text(5, rows.now);
    if (!q.step()) throw FatalError("SQLite " + db_.path() + ": progress row not written");
    total = q.column_int(0);
    backfill_id = q.column_text(1);
    chunk_index = q.column_int(2);
  }
  Query record = db_.query(sql::kInsertChunk);
  sqlite::bind_chunk_record(
      record, {uuids_.next(), backfill_id, chunk.repository_id, chunk_index, rows.cursor,
               static_cast<std::int64_t>(rows.pulls.size()), chunk.metrics, rows.now})
      .run();
  tx.commit();
  return total;
}

void SqliteStore::finish_run(const std::string& repository_id, const RunEnd& end) {
  check_run_end(end);
  WriteTransaction tx(db_);
  write_run_end(repository_id, end);
  tx.commit();
}

void SqliteStore::complete_run(const std::string& repository_id, std::int64_t exact_total_expected,
                               const std::string& now) {
  WriteTransaction tx(db_);
  write_run_end(repository_id, completion(exact_total_expected, now));
  db_.query(sql::kRecordPullCount)
      .text(1, repository_id)
      .integer(2, exact_total_expected)
      .text(3, now)
      .run();
  tx.commit();
}

void SqliteStore::write_run_end(const std::string& repository_id, const RunEnd& end) {
  const RunEndRow row = run_end_row(load_progress(repository_id), end);
  db_.query(sql::kWriteRunEnd)
      .text(1, uuids_.next())
      .text(2, repository_id)
      .text(3, to_string(row.status))
      .text(4, row.last_error)
      .integer(5, row.error_count)
      .text(6, row.updated_at)
      .text(7, row.completed_at)
      .text(8, row.resume_after)
      .integer(9, row.total_expected)
      .run();
}

std::string SqliteStore::start_run_record(const RunRecordStart& start) {
  std::string id = uuids_.next();
  WriteTransaction tx(db_);
  db_.query(sql::kStartRunRecord)
      .text(1, id)
      .text(2, start.repository_id)
      .text(3, strip_nul(start.repository))
      .text(4, strip_nul(start.trigger))
      .text(5, strip_nul(start.run_url))
      .text(6, start.started_at)
      .run();
  tx.commit();
  return id;
}

void SqliteStore::finish_run_record(const std::string& run_id, const RunRecordEnd& end) {
  WriteTransaction tx(db_);
  {
    Query q = db_.query(sql::kFinishRunRecord);
    q.text(1, run_id)
        .text(2, end.repository_id)
        .text(3, strip_nul(end.status))
        .integer(4, end.exit_code)
        .integer(5, end.prs_stored)
        .integer(6, end.requests)
        .integer(7, end.retries)
        .integer(8, static_cast<std::int64_t>(end.rate_limit_wait.count()))
        .text(9, stored_error(end.error))
        .text(10, end.ended_at);
    if (!q.step()) throw FatalError("finish_run_record: no run record " + run_id);
  }
  tx.commit();
}

std::vector<BackfillSummary> SqliteStore::backfills(const std::optional<RepoName>& repo,
                                                    bool include_all) {
  const char* statement = include_all ? (repo ? sql::kAllBackfillOf : sql::kAllBackfills)
                                      : (repo ? sql::kActiveBackfillOf : sql::kActiveBackfills);
  Query q = db_.query(statement);
  if (repo) q.text(1, repo->key());
  std::vector<BackfillSummary> out;
  while (q.step()) out.push_back(summary_from(Columns{q}));
  mark_stale(out, *this);
  return out;
}

std::int64_t SqliteStore::count_pulls(const std::string& repository_id) {
  Query q = db_.query(sql::kCountPulls);
  q.text(1, repository_id).step();
  return q.column_int(0);
}

}  // namespace backfill::store
