// The dashboard on SQLite: a connection opened SQLITE_OPEN_READONLY (and
// query_only), so it cannot write whatever it is asked; in WAL mode its
// reads never block the writer. Stale rows come from F_GETLK (lock_probe.hpp).
#include <memory>

#include "store/dashboard/dashboard_reader.hpp"
#include "store/dashboard/dashboard_sql.hpp"
#include "store/sqlite/lock_probe.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/sqlite/sqlite_dashboard.hpp"

namespace backfill::store::sqlite {

namespace {

#define BACKFILL_SQLITE_ISO(column) column
BACKFILL_DASHBOARD_STATEMENTS(BACKFILL_SQLITE_ISO, "?1")
#undef BACKFILL_SQLITE_ISO

class QueryRow final : public dashboard::RowReader {
 public:
  explicit QueryRow(const Query& q) : q_(q) {}
  std::optional<std::string> text(int column) const override {
    return q_.column_optional_text(column);
  }
  std::optional<std::int64_t> integer(int column) const override {
    return q_.column_optional_int(column);
  }

 private:
  const Query& q_;
};

class SqliteDashboard final : public DashboardView {
 public:
  explicit SqliteDashboard(const std::string& path)
      : lock_path_(path + ".locks"), db_(path, OpenMode::kReadOnly) {}

  DashboardSnapshot snapshot() override {
    return dashboard::read_snapshot(kDashboard, runner(), [this](std::int64_t github_id) {
      return repository_lock_held(lock_path_, github_id);
    });
  }

  RepositoryHistory history(const RepoName& repository) override {
    return dashboard::read_history(kDashboard, runner(), repository);
  }

 private:
  dashboard::RunStatement runner() {
    return [this](const char* sql, const std::optional<std::string>& param,
                  const std::function<void(const dashboard::RowReader&)>& row) {
      Query q = db_.query(sql);
      if (param) q.text(1, *param);
      while (q.step()) row(QueryRow(q));
    };
  }

  std::string lock_path_;
  Connection db_;
};

}  // namespace

std::unique_ptr<DashboardView> open_sqlite_dashboard(const std::string& path) {
  return std::make_unique<SqliteDashboard>(path);
}

}  // namespace backfill::store::sqlite
