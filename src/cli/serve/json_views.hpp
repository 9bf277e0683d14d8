#pragma once
// The dashboard's data as JSON (/api/backfills, /api/repos/OWNER/NAME):
// pure functions of what the store read and the time it is now. A row has
// the keys of `backfill status --json` (status_table.hpp), plus what the
// page shows beside them.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/store/dashboard_view.hpp"
#include "backfill/store/status_view.hpp"

namespace backfill::cli::serve {

// "/repos/OWNER/NAME" with each part percent-encoded.
std::string repository_path(const std::string& repository);

// "page 12, item 40 (PR #1234, created 2024-05-01T12:34:56Z)"; "not started"
// without a cursor; "unreadable cursor" for one this version cannot read.
std::string cursor_in_words(const std::optional<std::string>& cursor);

nlohmann::json backfill_row_json(const store::DashboardRow& row, SystemTime now);
nlohmann::json run_json(const store::RunRow& run);
// The keys of `status --json`'s scope rows (scope_table.hpp), "status" as
// the page shows it ("stale" when no run holds an in-progress scope), plus
// what the page shows beside them.
nlohmann::json scope_row_json(const store::ScopeRow& row, SystemTime now);
// "stale" for an in-progress scope no run holds, else its status.
std::string shown_scope_status(const store::ScopeRow& row);

// {"backfills": [...], "scopes": [...], "totals": {...}, "runs_by_status": [...],
//  "generated_at": "..."}
nlohmann::json backfills_json(const store::DashboardSnapshot& snapshot, SystemTime now);

// {"backfill": row, "chunks": [...], "runs": [...], "chart": [{"at", "stored"}...],
//  "scopes": [scope row + "chunks"]}
nlohmann::json repository_json(const store::DashboardRow& row,
                               const std::vector<store::ScopeRow>& scopes,
                               const store::RepositoryHistory& history, SystemTime now);

}  // namespace backfill::cli::serve
