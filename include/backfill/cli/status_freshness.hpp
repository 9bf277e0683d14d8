#pragma once
// What `backfill status` says of completed backfills: how fresh each is
// (its list scope's last refresh, engine/refresh_run.hpp), and each
// completed depth scope (--with) by its own refresh. Pure.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "backfill/store/depth_store.hpp"
#include "backfill/store/store.hpp"

namespace backfill::cli {

// Refresh state by "owner/name" as the rows spell it.
using Freshness = std::map<std::string, store::RefreshState>;
// A depth scope's, by "owner/name" and scope key ("comments,details,reviews").
using ScopeFreshness = std::map<std::pair<std::string, std::string>, store::RefreshState>;

// One line per completed row: "octo/x: fresh as of 2026-11-30T21:00:00Z
// (the last refresh found 3 PRs changed)" or "octo/x: completed, never
// refreshed".
std::string freshness_lines(const std::vector<store::BackfillSummary>& rows,
                            const Freshness& fresh);

// Adds "fresh_as_of" (null when never refreshed) and "refresh_changed" to
// each completed row of status_json's list (same order as `rows`).
void add_freshness(nlohmann::json& list, const std::vector<store::BackfillSummary>& rows,
                   const Freshness& fresh);

// The same for each completed depth scope: "octo/x (comments,details,reviews):
// fresh as of ..." or "...: completed, never refreshed".
std::string scope_freshness_lines(const std::vector<store::ScopeSummary>& rows,
                                  const ScopeFreshness& fresh);
// The same "fresh_as_of" and "refresh_changed" on scope_json's rows (same order).
void add_scope_freshness(nlohmann::json& list, const std::vector<store::ScopeSummary>& rows,
                         const ScopeFreshness& fresh);

}  // namespace backfill::cli
