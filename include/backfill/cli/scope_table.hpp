#pragma once
// Rendering of the depth scopes (--with) in `backfill status`: pure
// functions of the rows, beside status_table.hpp's list-only backfills.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "backfill/store/depth_store.hpp"

namespace backfill::cli {

// Without `all`, completed scopes are left out (as active_backfills does).
std::vector<store::ScopeSummary> shown_scopes(std::vector<store::ScopeSummary> rows, bool all);
// "" when there is none to show; else a titled table.
std::string scope_table(const std::vector<store::ScopeSummary>& rows);
// One object per scope, with "scope" (status_json's rows say "list").
nlohmann::json scope_json(const std::vector<store::ScopeSummary>& rows);

}  // namespace backfill::cli
