#pragma once
#include <pqxx/pqxx>

#include <memory>
#include <string>

#include "backfill/store/dashboard_view.hpp"

namespace backfill::store::postgres {

// The dashboard's reader of a PostgreSQL database: a session whose every
// transaction is read-only (postgres_dashboard.cpp). Throws FatalError
// when it cannot connect.
std::unique_ptr<DashboardView> open_postgres_dashboard(const std::string& url);

// What makes the dashboard's session read-only (and named "backfill serve"
// in pg_stat_activity); libpqxx applies it again on every reconnection.
void make_read_only(pqxx::connection_base& db);

}  // namespace backfill::store::postgres
