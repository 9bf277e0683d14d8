#pragma once
#include <memory>
#include <string>

#include "backfill/store/dashboard_view.hpp"

namespace backfill::store::sqlite {

// The dashboard's reader of an existing SQLite file, read-only
// (sqlite_dashboard.cpp). Throws FatalError when it cannot be opened.
std::unique_ptr<DashboardView> open_sqlite_dashboard(const std::string& path);

}  // namespace backfill::store::sqlite
