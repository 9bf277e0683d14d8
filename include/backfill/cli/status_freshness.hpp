#pragma once
// What `backfill status` says of completed backfills: how fresh each is
// (its list scope's last refresh, engine/refresh_run.hpp). Pure.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "backfill/store/store.hpp"

namespace backfill::cli {

// Refresh state by "owner/name" as the rows spell it.
using Freshness = std::map<std::string, store::RefreshState>;

// One line per completed row: "octo/x: fresh as of 2026-11-30T21:00:00Z
// (the last refresh found 3 PRs changed)" or "octo/x: completed, never
// refreshed".
std::string freshness_lines(const std::vector<store::BackfillSummary>& rows,
                            const Freshness& fresh);

// Adds "fresh_as_of" (null when never refreshed) and "refresh_changed" to
// each completed row of status_json's list (same order as `rows`).
void add_freshness(nlohmann::json& list, const std::vector<store::BackfillSummary>& rows,
                   const Freshness& fresh);

}  // namespace backfill::cli
