#pragma once
// Facts about the Actions run the binary is in, read from the environment
// through a lookup so that tests choose them.
#include <functional>
#include <optional>
#include <string>

namespace backfill::actions {

// Same shape as cli::EnvLookup; either converts to the other.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID", or
// nullopt when any of the three is unset or empty (not inside Actions).
std::optional<std::string> actions_run_url(const EnvLookup& env);

// The backfill_runs.trigger value: "workflow_dispatch",
// "repository_dispatch" and "schedule" as themselves, no event (a person at
// a terminal) as "terminal", any other event by its own name.
std::string trigger_for(const std::optional<std::string>& event_name);

}  // namespace backfill::actions
