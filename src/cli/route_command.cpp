// `backfill route`: where a repository's backfill runs, and why.
#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/cli/fleet_commands.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/engine/github_session.hpp"

namespace backfill::cli {

int command_route(const Config& config, const RouteOptions& options, std::ostream& out) {
  SystemClock clock;
  engine::GitHubSession github(session_settings_from(config), clock, process_cancel_token());
  const auto count = github.count_pulls(options.repo);
  const auto decision = fleet::route(options.repo, count, options.settings);
  if (!options.json) {
    out << fleet::describe(decision) << "\n";
    return kExitCompleted;
  }
  const nlohmann::json result = {{"repository", options.repo.full()},
                                 {"target", fleet::to_string(decision.target)},
                                 {"rule", fleet::to_string(decision.rule)},
                                 {"reason", decision.reason},
                                 {"pull_count", decision.pull_count},
                                 {"bucket", decision.bucket},
                                 {"actions_threshold", options.settings.actions_threshold},
                                 {"actions_percentage", options.settings.actions_percentage}};
  out << result.dump(2) << "\n";
  return kExitCompleted;
}

}  // namespace backfill::cli
