#include "backfill/store/dashboard_view.hpp"
#include "backfill/store/store.hpp"
#include "store/postgres/postgres_dashboard.hpp"
#include "store/sqlite/sqlite_dashboard.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

std::unique_ptr<DashboardView> open_dashboard_view(const std::string& database_url) {
  register_database_secrets(database_url);
  switch (backend_for_url(database_url)) {
    case Backend::kPostgres: return postgres::open_postgres_dashboard(database_url);
    case Backend::kSqlite: return sqlite::open_sqlite_dashboard(sqlite_path_for_url(database_url));
  }
  throw std::logic_error("unsupported database URL");
}

}  // namespace backfill::store
