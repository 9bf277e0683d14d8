// `backfill rate-limit`: the budget of the token, or of each installation
// of a GitHub App (GET /rate_limit is free).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/cli/commands.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/engine/github_session.hpp"

namespace backfill::cli {

namespace {

// "11 octo": which installation a row is about.
std::string installation_label(const engine::BudgetRateLimits& budget) {
  std::string label = std::to_string(budget.installation.value_or(0));
  if (!budget.account.empty()) label += " " + budget.account;
  return label;
}

}  // namespace

int command_rate_limit(const Config& config, bool json, std::ostream& out) {
  SystemClock clock;
  engine::GitHubSession github(session_settings_from(config), clock, process_cancel_token());
  const auto budgets = github.rate_limits_per_budget();
  const bool as_app = !budgets.empty() && budgets.front().installation.has_value();
  if (json) {
    auto list = nlohmann::json::array();
    for (const auto& budget : budgets) {
      for (const auto& r : budget.resources) {
        nlohmann::json row = {{"resource", r.resource},
                              {"limit", r.limit.value_or(0)},
                              {"remaining", r.remaining.value_or(0)},
                              {"used", r.used.value_or(0)},
                              {"reset", r.reset_epoch.value_or(0)},
                              {"reset_at", r.reset_time() ? format_iso8601(*r.reset_time()) : ""}};
        if (budget.installation) {
          row["installation"] = *budget.installation;
          row["account"] = budget.account;
        }
        list.push_back(row);
      }
    }
    out << list.dump(2) << "\n";
    return kExitCompleted;
  }
  char line[200];
  if (as_app) {
    std::snprintf(line, sizeof line, "%-24s ", "INSTALLATION");
    out << line;
  }
  std::snprintf(line, sizeof line, "%-28s %8s %10s %8s  %s\n", "RESOURCE", "LIMIT", "REMAINING",
                "USED", "RESETS AT");
  out << line;
  for (const auto& budget : budgets) {
    for (const auto& r : budget.resources) {
      if (as_app) {
        std::snprintf(line, sizeof line, "%-24s ", installation_label(budget).c_str());
        out << line;
      }
      std::snprintf(line, sizeof line, "%-28s %8lld %10lld %8lld  %s\n", r.resource.c_str(),
                    static_cast<long long>(r.limit.value_or(0)),
                    static_cast<long long>(r.remaining.value_or(0)),
                    static_cast<long long>(r.used.value_or(0)),
                    r.reset_time() ? format_iso8601(*r.reset_time()).c_str() : "-");
      out << line;
    }
  }
  return kExitCompleted;
}

}  // namespace backfill::cli
