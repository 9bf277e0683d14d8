#include "backfill/cli/status_freshness.hpp"

#include <nlohmann/json.hpp>

namespace backfill::cli {

std::string freshness_lines(const std::vector<store::BackfillSummary>& rows,
                            const Freshness& fresh) {
  std::string out;
  for (const auto& r : rows) {
    if (r.status != store::Status::kCompleted) continue;
    const auto it = fresh.find(r.repository);
    if (it == fresh.end() || !it->second.refreshed_at) {
      out += r.repository + ": completed, never refreshed\n";
      continue;
    }
    const auto changed = it->second.changed;
    out += r.repository + ": fresh as of " + *it->second.refreshed_at +
           " (the last refresh found " +
           (changed == 0 ? std::string("nothing changed")
                         : std::to_string(changed) + (changed == 1 ? " PR" : " PRs") + " changed") +
           ")\n";
  }
  return out;
}

void add_freshness(nlohmann::json& list, const std::vector<store::BackfillSummary>& rows,
                   const Freshness& fresh) {
  for (std::size_t i = 0; i < rows.size() && i < list.size(); ++i) {
    if (rows[i].status != store::Status::kCompleted) continue;
    const auto it = fresh.find(rows[i].repository);
    const bool known = it != fresh.end() && it->second.refreshed_at;
    list[i]["fresh_as_of"] = known ? nlohmann::json(*it->second.refreshed_at) : nlohmann::json();
    list[i]["refresh_changed"] = known ? nlohmann::json(it->second.changed) : nlohmann::json();
  }
}

}  // namespace backfill::cli
