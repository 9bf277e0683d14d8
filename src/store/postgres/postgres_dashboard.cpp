// The dashboard on PostgreSQL: a session with default_transaction_read_only
// (the server refuses any write in it, whatever the statement), each
// snapshot one READ ONLY transaction. Stale rows come from pg_locks, which
// shows who holds a repository's advisory lock without taking it.
#include <pqxx/pqxx>

#include <set>

#include "store/dashboard/dashboard_reader.hpp"
#include "store/dashboard/dashboard_sql.hpp"
#include "store/lock_key.hpp"
#include "store/postgres/iso_column.hpp"
#include "store/postgres/postgres_dashboard.hpp"
#include "store/postgres/postgres_store_impl.hpp"

namespace backfill::store::postgres {

namespace {

BACKFILL_DASHBOARD_STATEMENTS(BACKFILL_ISO, "$1")

// pg_try_advisory_lock(bigint) shows in pg_locks as classid (high 32 bits)
// and objid (low 32 bits), objsubid 1.
constexpr const char* kHeldAdvisoryLocks =
    "SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks"
    " WHERE locktype = 'advisory' AND objsubid = 1 AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

class PgRow final : public dashboard::RowReader {
 public:
  explicit PgRow(const pqxx::row& row) : row_(row) {}
  std::optional<std::string> text(int column) const override {
    if (row_[column].is_null()) return std::nullopt;
    return std::string(row_[column].c_str(), row_[column].size());
  }
  std::optional<std::int64_t> integer(int column) const override {
    if (row_[column].is_null()) return std::nullopt;
    return row_[column].as<std::int64_t>();
  }

 private:
  const pqxx::row& row_;
};

dashboard::RunStatement runner(pqxx::transaction_base& tx) {
  return [&tx](const char* sql, const std::optional<std::string>& param,
               const std::function<void(const dashboard::RowReader&)>& row) {
    const pqxx::result rows = param ? tx.exec_params(sql, *param) : tx.exec(sql);
    for (const auto& r : rows) row(PgRow(r));
  };
}

class PostgresDashboard final : public DashboardView {
 public:
  explicit PostgresDashboard(const std::string& url) : session_(url, make_read_only) {}

  DashboardSnapshot snapshot() override {
    return session_.guarded([&] {
      pqxx::read_transaction tx(*session_.db);
      std::set<std::int64_t> held;
      for (const auto& r : tx.exec(kHeldAdvisoryLocks)) held.insert(r[0].as<std::int64_t>());
      return dashboard::read_snapshot(kDashboard, runner(tx), [&](std::int64_t github_id) {
        return held.count(advisory_lock_key(Repository{{}, github_id, {}})) > 0;
      });
    });
  }

  RepositoryHistory history(const RepoName& repository) override {
    return session_.guarded([&] {
      pqxx::read_transaction tx(*session_.db);
      return dashboard::read_history(kDashboard, runner(tx), repository);
    });
  }

 private:
  Session session_;
};

}  // namespace

void make_read_only(pqxx::connection_base& db) {
  db.set_variable("default_transaction_read_only", "on");
  db.set_variable("application_name", "'backfill serve'");
}

std::unique_ptr<DashboardView> open_postgres_dashboard(const std::string& url) {
  return std::make_unique<PostgresDashboard>(url);
}

}  // namespace backfill::store::postgres
