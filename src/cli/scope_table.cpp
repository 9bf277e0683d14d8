#include "backfill/cli/scope_table.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "backfill/cli/status_table.hpp"
#include "backfill/core/text.hpp"

namespace backfill::cli {

std::vector<store::ScopeSummary> shown_scopes(std::vector<store::ScopeSummary> rows, bool all) {
  if (!all) {
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [](const auto& r) { return r.status == store::Status::kCompleted; }),
               rows.end());
  }
  return rows;
}

std::string scope_table(const std::vector<store::ScopeSummary>& rows) {
  if (rows.empty()) return "";
  std::vector<std::vector<std::string>> cells{{"REPOSITORY", "SCOPE", "STATUS", "PROCESSED",
                                               "EXPECTED", "DONE", "CHUNKS", "POINTS", "UPDATED"}};
  for (const auto& r : rows) {
    cells.push_back({r.repository, r.scope, store::to_string(r.status),
                     group_thousands(r.total_processed),
                     r.total_expected ? group_thousands(*r.total_expected) : "?",
                     percent_done(r.total_processed, r.total_expected), group_thousands(r.chunks),
                     group_thousands(r.points_used), r.updated_at.value_or("")});
  }
  std::string out = "\ndepth scopes (--with):\n" + aligned_columns(cells);
  for (const auto& r : rows) {
    if (r.status != store::Status::kCompleted && r.last_error) {
      out += r.repository + " (" + r.scope + "): " + store::to_string(r.status) + ": " +
             *r.last_error + "\n";
    }
  }
  return out;
}

nlohmann::json scope_json(const std::vector<store::ScopeSummary>& rows) {
  auto list = nlohmann::json::array();
  auto optional_json = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  for (const auto& r : rows) {
    list.push_back({{"repository", r.repository},
                    {"scope", r.scope},
                    {"status", store::to_string(r.status)},
                    {"total_processed", r.total_processed},
                    {"total_expected", optional_json(r.total_expected)},
                    {"updated_at", optional_json(r.updated_at)},
                    {"last_error", optional_json(r.last_error)},
                    {"chunks", r.chunks},
                    {"points_used", r.points_used}});
  }
  return list;
}

}  // namespace backfill::cli
