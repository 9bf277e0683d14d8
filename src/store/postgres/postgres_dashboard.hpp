#pragma once
#include <memory>
#include <string>

#include "backfill/store/dashboard_view.hpp"

namespace backfill::store::postgres {

// The dashboard's reader of a PostgreSQL database: a session whose every
// transaction is read-only (postgres_dashboard.cpp). Throws FatalError
// when it cannot connect.
std::unique_ptr<DashboardView> open_postgres_dashboard(const std::string& url);

}  // namespace backfill::store::postgres
