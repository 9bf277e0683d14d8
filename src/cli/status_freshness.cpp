#include "backfill/cli/status_freshness.hpp"

#include <nlohmann/json.hpp>

namespace backfill::cli {
namespace {

// "completed, never refreshed" or "fresh as of <time> (the last refresh
// found N PRs changed)".
std::string freshness_of(const store::RefreshState* state) {
  if (!state || !state->refreshed_at) return "completed, never refreshed";
  const auto changed = state->changed;
  return "fresh as of " + *state->refreshed_at + " (the last refresh found " +
         (changed == 0 ? std::string("nothing changed")
                       : std::to_string(changed) + (changed == 1 ? " PR" : " PRs") + " changed") +
         ")";
}

template <class Map, class Key>
const store::RefreshState* state_of(const Map& fresh, const Key& key) {
  const auto it = fresh.find(key);
  return it == fresh.end() ? nullptr : &it->second;
}

void set_freshness(nlohmann::json& row, const store::RefreshState* state) {
  const bool known = state && state->refreshed_at;
  row["fresh_as_of"] = known ? nlohmann::json(*state->refreshed_at) : nlohmann::json();
  row["refresh_changed"] = known ? nlohmann::json(state->changed) : nlohmann::json();
}

}  // namespace

std::string freshness_lines(const std::vector<store::BackfillSummary>& rows,
                            const Freshness& fresh) {
  std::string out;
  for (const auto& r : rows) {
    if (r.status != store::Status::kCompleted) continue;
    out += r.repository + ": " + freshness_of(state_of(fresh, r.repository)) + "\n";
  }
  return out;
}

void add_freshness(nlohmann::json& list, const std::vector<store::BackfillSummary>& rows,
                   const Freshness& fresh) {
  for (std::size_t i = 0; i < rows.size() && i < list.size(); ++i) {
    if (rows[i].status != store::Status::kCompleted) continue;
    set_freshness(list[i], state_of(fresh, rows[i].repository));
  }
}

std::string scope_freshness_lines(const std::vector<store::ScopeSummary>& rows,
                                  const ScopeFreshness& fresh) {
  std::string out;
  for (const auto& r : rows) {
    if (r.status != store::Status::kCompleted) continue;
    out += r.repository + " (" + r.scope +
           "): " + freshness_of(state_of(fresh, std::make_pair(r.repository, r.scope))) + "\n";
  }
  return out;
}

void add_scope_freshness(nlohmann::json& list, const std::vector<store::ScopeSummary>& rows,
                         const ScopeFreshness& fresh) {
  for (std::size_t i = 0; i < rows.size() && i < list.size(); ++i) {
    if (rows[i].status != store::Status::kCompleted) continue;
    set_freshness(list[i], state_of(fresh, std::make_pair(rows[i].repository, rows[i].scope)));
  }
}

}  // namespace backfill::cli
