#include "store/postgres/postgres_store.hpp"

#include <pqxx/pqxx>

#include <stdexcept>

#include "backfill/core/errors.hpp"
#include "store/chunk_rows.hpp"
#include "store/error_text.hpp"
#include "store/lock_key.hpp"
#include "store/migrations.hpp"
#include "store/postgres/postgres_sql.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/postgres/pull_upserts.hpp"
#include "store/repository_upsert.hpp"
#include "store/run_end.hpp"
#include "store/stale.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

namespace {

namespace sql = postgres::sql;
using postgres::Columns;
using postgres::trimmed;

struct NamedStatement {
  const char* name;
  const char* text;
};

// Registered with the connection up front; libpqxx sends each to the server
// on first use, so this is safe before the tables exist.
constexpr NamedStatement kStatements[] = {
    {"find_repository", sql::kFindRepository},
    {"repository_by_github_id", sql::kRepositoryByGithubId},
    {"insert_repository", sql::kInsertRepository},
    {"update_repository", sql::kUpdateRepository},
    {"load_progress", sql::kLoadProgress},
    {"load_progress_for_update", sql::kLoadProgressForUpdate},
    {"begin_run", sql::kBeginRun},
    {"write_run_end", sql::kWriteRunEnd},
    {"start_run_record", sql::kStartRunRecord},
    {"finish_run_record", sql::kFinishRunRecord},
    {"upsert_contributors", sql::kUpsertContributors},
    {"upsert_pulls", sql::kUpsertPulls},
    {"advance_progress", sql::kAdvanceProgress},
    {"count_pulls", sql::kCountPulls},
    {"active_backfills", sql::kActiveBackfills},
    {"active_backfill_of", sql::kActiveBackfillOf},
    {"all_backfills", sql::kAllBackfills},
    {"all_backfill_of", sql::kAllBackfillOf},
};

// Held by its own session, apart from the store's connection, so that
// nothing the store does (an aborted transaction, a reconnect) touches it.
class AdvisoryLock final : public RepositoryLock {
 public:
  AdvisoryLock(std::string url, std::unique_ptr<postgres::Connection> session, std::int64_t key)
      : url_(std::move(url)), session_(std::move(session)), key_(key) {}

  // Unlocked before the session closes, so that the lock is free as soon as
  // this returns (the server ends a closed session in its own time).
  ~AdvisoryLock() override {
    try {
      postgres::interruptible(url_, *session_, [&] {
        pqxx::nontransaction tx(*session_);
        tx.exec_params(sql::kUnlock, key_);
      });
    } catch (...) {
      // Closing the session below releases the lock anyway.
    }
  }

 private:
  std::string url_;
  std::unique_ptr<postgres::Connection> session_;
  std::int64_t key_;
};

// The row operations of upsert_repository_in, on the caller's transaction.
class PostgresRepositoryRows final : public RepositoryRows {
 public:
  explicit PostgresRepositoryRows(pqxx::transaction_base& tx) : tx_(tx) {}

  std::optional<Repository> by_github_id(std::int64_t github_id) override {
    return first(tx_.exec_prepared("repository_by_github_id", github_id));
  }
  std::optional<Repository> by_name(const RepoName& name) override {
    return first(tx_.exec_prepared("find_repository", name.owner, name.name));
  }
  std::string insert(std::int64_t github_id, const RepoName& name,
                     const std::string& now) override {
    return tx_.exec_prepared1("insert_repository", github_id, name.owner, name.name, now)[0]
        .as<std::string>();
  }
  void update(const Repository& row, const std::string& now) override {
    tx_.exec_prepared("update_repository", row.id, row.github_id, row.name.owner, row.name.name,
                      now);
  }

 private:
  static std::optional<Repository> first(const pqxx::result& r) {
    if (r.empty()) return std::nullopt;
    return repository_from(Columns{r[0]});
  }

  pqxx::transaction_base& tx_;
};

// The progress row after `end` (store/run_end.hpp), inside `tx`.
void write_run_end(pqxx::work& tx, const std::string& repository_id, const RunEnd& end) {
  std::optional<Progress> before;
  if (auto r = tx.exec_prepared("load_progress_for_update", repository_id); !r.empty()) {
    before = progress_from(Columns{r[0]});
  }
  const RunEndRow row = run_end_row(before, end);
  tx.exec_prepared("write_run_end", repository_id, to_string(row.status), row.last_error,
                   row.error_count, row.updated_at, row.completed_at, row.resume_after,
                   row.total_expected);
}

}  // namespace

namespace postgres {

void prepare_core_statements(pqxx::connection_base& db) {
  for (const auto& statement : kStatements) db.prepare(statement.name, statement.text);
}

Repository upsert_repository_row(pqxx::work& tx, std::int64_t github_id, const RepoName& name,
                                 const std::string& now) {
  PostgresRepositoryRows rows(tx);
  return upsert_repository_in(rows, github_id, name, now);
}

}  // namespace postgres

PostgresStore::PostgresStore(const std::string& url) : impl_(std::make_unique<Impl>(url)) {}

PostgresStore::~PostgresStore() = default;

std::vector<std::string> PostgresStore::migrate() {
  return impl_->guarded([&] {
    std::vector<std::string> applied;
    for (const auto& migration : migrations_for("postgres")) {
      pqxx::work tx(*impl_->db);
      // Concurrent migrators queue here; the later one then sees the version
      // recorded (READ COMMITTED takes a fresh snapshot per statement).
      tx.exec(sql::kLockMigrations);
      tx.exec("SET LOCAL client_min_messages = warning");  // no "already exists" notices
      tx.exec(sql::kCreateSchemaMigrations);
      if (!tx.exec_params(sql::kMigrationApplied, std::string(migration.version)).empty()) {
        continue;
      }
      tx.exec(migration.sql);
      tx.exec_params(sql::kRecordMigration, std::string(migration.version));
      tx.commit();
      applied.emplace_back(migration.version);
    }
    return applied;
  });
}

std::unique_ptr<RepositoryLock> PostgresStore::try_lock_repository(const Repository& repo) {
  const auto key = advisory_lock_key(repo);
  auto session = postgres::connect(impl_->url);
  const bool acquired = postgres::interruptible(impl_->url, *session, [&] {
    pqxx::nontransaction tx(*session);
    return tx.exec_params1(sql::kTryLock, key)[0].as<bool>();
  });
  if (!acquired) return nullptr;
  return std::make_unique<AdvisoryLock>(impl_->url, std::move(session), key);
}

std::optional<Repository> PostgresStore::find_repository(const RepoName& repo) {
  return impl_->guarded([&]() -> std::optional<Repository> {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    return PostgresRepositoryRows(tx).by_name(repo);
  });
}

Repository PostgresStore::upsert_repository(std::int64_t github_id, const RepoName& name,
                                            const std::string& now) {
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    Repository result = postgres::upsert_repository_row(tx, github_id, name, now);
    tx.commit();
    return result;
  });
}

std::optional<Progress> PostgresStore::load_progress(const std::string& repository_id) {
  return impl_->guarded([&]() -> std::optional<Progress> {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    auto r = tx.exec_prepared("load_progress", repository_id);
    if (r.empty()) return std::nullopt;
    return progress_from(Columns{r[0]});
  });
}

void PostgresStore::begin_run(const std::string& repository_id, std::int64_t total_expected,
                              bool restart, const std::string& now) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    tx.exec_prepared("begin_run", repository_id, total_expected, now, restart);
    tx.commit();
  });
}

std::int64_t PostgresStore::upsert_chunk(const ChunkWrite& chunk) {
  const ChunkRows rows = chunk_rows(chunk);
  const postgres::PullArrays arrays(rows);
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    postgres::upsert_contributors(tx, arrays, rows);
    const std::int64_t inserted = postgres::upsert_pulls(tx, chunk.repository_id, arrays, rows);
    const auto& m = chunk.metrics;
    const auto total =
        tx.exec_prepared1("advance_progress", chunk.repository_id, rows.cursor, inserted, rows.now,
                          m.run_id, static_cast<std::int64_t>(rows.pulls.size()), m.chunk_size,
                          static_cast<std::int64_t>(m.requests),
                          static_cast<std::int64_t>(m.retries), m.rate_limit_remaining,
                          static_cast<std::int64_t>(m.duration.count()), m.rate_limit_reset_at)[0]
            .as<std::int64_t>();
    tx.commit();
    return total;
  });
}

void PostgresStore::finish_run(const std::string& repository_id, const RunEnd& end) {
  check_run_end(end);
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    write_run_end(tx, repository_id, end);
    tx.commit();
  });
}

void PostgresStore::complete_run(const std::string& repository_id,
                                 std::int64_t exact_total_expected, const std::string& now) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    write_run_end(tx, repository_id, completion(exact_total_expected, now));
    tx.exec_prepared("record_pull_count", repository_id, exact_total_expected, now);
    tx.commit();
  });
}

std::string PostgresStore::start_run_record(const RunRecordStart& start) {
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    auto id =
        tx.exec_prepared1("start_run_record", start.repository_id, strip_nul(start.repository),
                          strip_nul(start.trigger), strip_nul(start.run_url), start.started_at)[0]
            .as<std::string>();
    tx.commit();
    return id;
  });
}

void PostgresStore::finish_run_record(const std::string& run_id, const RunRecordEnd& end) {
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    const auto updated =
        tx.exec_prepared("finish_run_record", run_id, end.repository_id, strip_nul(end.status),
                         end.exit_code, end.prs_stored, end.requests, end.retries,
                         static_cast<std::int64_t>(end.rate_limit_wait.count()),
                         stored_error(end.error), end.ended_at)
            .affected_rows();
    if (updated != 1) throw FatalError("finish_run_record: no run record " + run_id);
    tx.commit();
  });
}

std::vector<BackfillSummary> PostgresStore::backfills(const std::optional<RepoName>& repo,
                                                      bool include_all) {
  auto rows = impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    pqxx::result r;
    if (repo) {
      r = tx.exec_prepared(include_all ? "all_backfill_of" : "active_backfill_of", repo->key());
    } else {
      r = tx.exec_prepared(include_all ? "all_backfills" : "active_backfills");
    }
    std::vector<BackfillSummary> out;
    for (const auto& row : r) out.push_back(summary_from(Columns{row}));
    return out;
  });
  mark_stale(rows, *this);
  return rows;
}

std::int64_t PostgresStore::count_pulls(const std::string& repository_id) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    return tx.exec_prepared1("count_pulls", repository_id)[0].as<std::int64_t>();
  });
}

}  // namespace backfill::store
