#include "store/postgres/postgres_store.hpp"

#include <pqxx/pqxx>

#include <stdexcept>

#include "backfill/core/errors.hpp"
#include "store/chunk_rows.hpp"
#include "store/lock_key.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_array_literal.hpp"
#include "store/postgres/postgres_sql.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

namespace {

namespace sql = postgres::sql;
using postgres::ArrayLiteral;
using postgres::optional_int;
using postgres::optional_text;
using postgres::repository_from;
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
    {"begin_run", sql::kBeginRun},
    {"finish_run", sql::kFinishRun},
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
  AdvisoryLock(std::unique_ptr<pqxx::connection> session, std::int64_t key)
      : session_(std::move(session)), key_(key) {}

  ~AdvisoryLock() override {
    try {
      pqxx::nontransaction tx(*session_);
      tx.exec_params(sql::kUnlock, key_);
    } catch (...) {
      // Closing the session below releases the lock anyway.
    }
  }

 private:
  std::unique_ptr<pqxx::connection> session_;
  std::int64_t key_;
};

}  // namespace

namespace postgres {

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  try {
    return std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    throw FatalError(scrub_database_error(
        url, "cannot connect to PostgreSQL at " + url + ": " + trimmed(e.what())));
  }
}

void prepare_core_statements(pqxx::connection& db) {
  for (const auto& statement : kStatements) db.prepare(statement.name, statement.text);
}

Repository upsert_repository_row(pqxx::work& tx, std::int64_t github_id, const RepoName& clean,
                                 const std::string& now) {
  std::optional<Repository> existing;
  if (auto by_id = tx.exec_prepared("repository_by_github_id", github_id); !by_id.empty()) {
    existing = repository_from(by_id[0]);
  } else if (auto by_name = tx.exec_prepared("find_repository", clean.owner, clean.name);
             !by_name.empty()) {
    // A row made under this name before its GitHub id was known is
    // adopted; one that belongs to another GitHub repository is not.
    existing = repository_from(by_name[0]);
    if (existing->github_id != 0 && existing->github_id != github_id) {
      throw FatalError("repository " + clean.full() + " is stored with GitHub id " +
                       std::to_string(existing->github_id) + " but GitHub now reports id " +
                       std::to_string(github_id) + " (deleted and re-created?)");
    }
  }
  Repository result{existing ? existing->id : std::string(), github_id, clean};
  if (existing) {
    tx.exec_prepared("update_repository", result.id, github_id, clean.owner, clean.name, now);
  } else {
    result.id = tx.exec_prepared1("insert_repository", github_id, clean.owner, clean.name, now)[0]
                    .as<std::string>();
  }
  return result;
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

std::unique_ptr<RepositoryLock> PostgresStore::try_lock_repository(const RepoName& repo) {
  const auto key = static_cast<std::int64_t>(repository_lock_key(repo));
  auto session = postgres::connect(impl_->url);
  const bool acquired = impl_->guarded([&] {
    pqxx::nontransaction tx(*session);
    return tx.exec_params1(sql::kTryLock, key)[0].as<bool>();
  });
  if (!acquired) return nullptr;
  return std::make_unique<AdvisoryLock>(std::move(session), key);
}

std::optional<Repository> PostgresStore::find_repository(const RepoName& repo) {
  return impl_->guarded([&]() -> std::optional<Repository> {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    auto r = tx.exec_prepared("find_repository", repo.owner, repo.name);
    if (r.empty()) return std::nullopt;
    return repository_from(r[0]);
  });
}

Repository PostgresStore::upsert_repository(std::int64_t github_id, const RepoName& name,
                                            const std::string& now) {
  const RepoName clean{strip_nul(name.owner), strip_nul(name.name)};
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    Repository result = postgres::upsert_repository_row(tx, github_id, clean, now);
    tx.commit();
    return result;
  });
}

std::optional<Progress> PostgresStore::load_progress(const std::string& repository_id) {
  return impl_->guarded([&]() -> std::optional<Progress> {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    auto r = tx.exec_prepared("load_progress", repository_id);
    if (r.empty()) return std::nullopt;
    return postgres::progress_from(r[0]);
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
  ArrayLiteral author_ids, logins, avatars, types;
  for (const auto& a : rows.authors) {
    author_ids.add_int(a.github_id);
    logins.add_text(a.login);
    avatars.add_text(a.avatar_url);
    types.add_text(a.type);
  }
  ArrayLiteral ids, numbers, titles, bodies, states, drafts, authors, created, updated, closed,
      merged, shas, heads, bases, urls;
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
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    if (!rows.authors.empty()) {
      tx.exec_prepared("upsert_contributors", author_ids.str(), logins.str(), avatars.str(),
                       types.str(), rows.now);
    }
    std::int64_t inserted = 0;
    if (!rows.pulls.empty()) {
      inserted = tx.exec_prepared1("upsert_pulls", chunk.repository_id, ids.str(), numbers.str(),
                                   titles.str(), bodies.str(), states.str(), drafts.str(),
                                   authors.str(), created.str(), updated.str(), closed.str(),
                                   merged.str(), shas.str(), heads.str(), bases.str(), urls.str(),
                                   rows.now)[0]
                     .as<std::int64_t>();
    }
    const auto& m = chunk.metrics;
    const auto total =
        tx.exec_prepared1("advance_progress", chunk.repository_id, rows.cursor, inserted, rows.now,
                          m.run_id, static_cast<std::int64_t>(rows.pulls.size()), m.chunk_size,
                          static_cast<std::int64_t>(m.requests),
                          static_cast<std::int64_t>(m.retries), m.rate_limit_remaining,
                          static_cast<std::int64_t>(m.duration.count()))[0]
            .as<std::int64_t>();
    tx.commit();
    return total;
  });
}

void PostgresStore::finish_run(const std::string& repository_id, const RunEnd& end) {
  if (end.status == Status::kPending || end.status == Status::kInProgress) {
    throw std::invalid_argument("finish_run: a run cannot end as " + to_string(end.status));
  }
  const std::optional<std::string> kept_error =
      end.status == Status::kCompleted ? std::nullopt : strip_nul(end.error);
  impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    tx.exec_prepared("finish_run", repository_id, to_string(end.status), kept_error, end.now,
                     end.resume_after, end.total_expected);
    tx.commit();
  });
}

std::string PostgresStore::start_run_record(const RunRecordStart& start) {
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    auto id = tx.exec_prepared1("start_run_record", start.repository_id,
                                strip_nul(start.repository), strip_nul(start.trigger),
                                strip_nul(start.run_url), start.started_at)[0]
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
                         strip_nul(end.error), end.ended_at)
            .affected_rows();
    if (updated != 1) throw FatalError("finish_run_record: no run record " + run_id);
    tx.commit();
  });
}

std::vector<BackfillSummary> PostgresStore::backfills(const std::optional<RepoName>& repo,
                                                      bool include_all) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    pqxx::result r;
    if (repo) {
      r = tx.exec_prepared(include_all ? "all_backfill_of" : "active_backfill_of", repo->key());
    } else {
      r = tx.exec_prepared(include_all ? "all_backfills" : "active_backfills");
    }
    std::vector<BackfillSummary> out;
    for (const auto& row : r) {
      BackfillSummary s;
      s.repository = row[0].as<std::string>();
      s.total_processed = row[1].as<std::int64_t>();
      s.total_expected = optional_int(row[2]);
      s.status = status_from_string(row[3].as<std::string>());
      s.started_at = optional_text(row[4]);
      s.updated_at = optional_text(row[5]);
      s.last_error = optional_text(row[6]);
      s.resume_after = optional_text(row[7]);
      s.recent.chunks = row[8].as<std::int64_t>();
      s.recent.prs = row[9].as<std::int64_t>();
      s.recent.requests = row[10].as<std::int64_t>();
      s.recent.busy = std::chrono::milliseconds(row[11].as<std::int64_t>());
      out.push_back(std::move(s));
    }
    return out;
  });
}

std::int64_t PostgresStore::count_pulls(const std::string& repository_id) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    return tx.exec_prepared1("count_pulls", repository_id)[0].as<std::int64_t>();
  });
}

}  // namespace backfill::store
