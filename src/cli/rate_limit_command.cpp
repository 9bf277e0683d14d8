// `backfill rate-limit`: the token's budget (GET /rate_limit is free).
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

int command_rate_limit(const Config& config, bool json, std::ostream& out) {
  SystemClock clock;
  engine::GitHubSession github(session_settings_from(config), clock, process_cancel_token());
  const auto limits = github.rate_limits();
  if (json) {
    auto list = nlohmann::json::array();
    for (const auto& r : limits) {
      list.push_back({{"resource", r.resource},
                      {"limit", r.limit.value_or(0)},
                      {"remaining", r.remaining.value_or(0)},
                      {"used", r.used.value_or(0)},
                      {"reset", r.reset_epoch.value_or(0)},
                      {"reset_at", r.reset_time() ? format_iso8601(*r.reset_time()) : ""}});
    }
    out << list.dump(2) << "\n";
    return kExitCompleted;
  }
  char line[160];
  std::snprintf(line, sizeof line, "%-28s %8s %10s %8s  %s\n", "RESOURCE", "LIMIT", "REMAINING", "USED",
                "RESETS AT");
  out << line;
  for (const auto& r : limits) {
    std::snprintf(line, sizeof line, "%-28s %8lld %10lld %8lld  %s\n", r.resource.c_str(),
                  static_cast<long long>(r.limit.value_or(0)),
                  static_cast<long long>(r.remaining.value_or(0)),
                  static_cast<long long>(r.used.value_or(0)),
                  r.reset_time() ? format_iso8601(*r.reset_time()).c_str() : "-");
    out << line;
  }
  return kExitCompleted;
}

}  // namespace backfill::cli
