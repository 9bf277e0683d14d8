#pragma once
// The dashboard's HTML, rendered on the server (pure): every text from
// GitHub or the database goes through escape_html, so the pages read right
// without script; dashboard.js then keeps them live.
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/store/dashboard_view.hpp"
#include "backfill/store/status_view.hpp"

namespace backfill::cli::serve {

// `/`: totals, filters, one row per repository, then one per depth scope.
std::string index_page(const store::DashboardSnapshot& snapshot, SystemTime now);

// `/repos/OWNER/NAME`: the chart, the cursor, chunks and runs, then each
// depth scope with its chunks. `fragment`: only the part dashboard.js swaps
// in when something changed.
std::string repository_page(const store::DashboardRow& row,
                            const std::vector<store::ScopeRow>& scopes,
                            const store::RepositoryHistory& history, SystemTime now, bool fragment);

// The depth scopes' table of `/` (its rows: one per repository and scope),
// and a repository's scopes with their latest chunks (scope_pages.cpp).
std::string scopes_table(const std::vector<store::ScopeRow>& scopes, SystemTime now);
std::string scope_sections(const std::vector<store::ScopeRow>& scopes,
                           const store::RepositoryHistory& history, SystemTime now);

// What every page shows instead when the database cannot be read.
std::string unavailable_page(const std::string& why);
std::string not_found_page(const std::string& what);

}  // namespace backfill::cli::serve
