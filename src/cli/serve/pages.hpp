#pragma once
// The dashboard's HTML, rendered on the server (pure): every text from
// GitHub or the database goes through escape_html, so the pages read right
// without script; dashboard.js then keeps them live.
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/store/dashboard_view.hpp"
#include "backfill/store/status_view.hpp"

namespace backfill::cli::serve {

// `/`: totals, filters and one row per repository.
std::string index_page(const store::DashboardSnapshot& snapshot, SystemTime now);

// `/repos/OWNER/NAME`: the chart, the cursor, chunks and runs. `fragment`:
// only the part dashboard.js swaps in when something changed.
std::string repository_page(const store::DashboardRow& row, const store::RepositoryHistory& history,
                            SystemTime now, bool fragment);

// What every page shows instead when the database cannot be read.
std::string unavailable_page(const std::string& why);
std::string not_found_page(const std::string& what);

}  // namespace backfill::cli::serve
