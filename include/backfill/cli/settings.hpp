#pragma once
// The settings lower layers take, made from the resolved configuration in
// one place: the engine's (a GitHub session, a backfill's) and the fleet's.
#include "backfill/cli/config.hpp"
#include "backfill/engine/backfill_settings.hpp"
#include "backfill/engine/github_session.hpp"
#include "backfill/fleet/fleet_settings.hpp"

namespace backfill::cli {

// Prints ::add-mask::SECRET on stdout (an Actions job's log hides it after).
void mask_in_actions_log(const std::string& secret);
// Retries, backoff and the rate-limit reserve.
engine::RunnerParams runner_params_from(const Config& config);
// API URL, token and the runner settings of the session's own calls.
engine::SessionSettings session_settings_from(const Config& config);
// Chunk size, runner settings, trigger and run URL.
engine::BackfillSettings backfill_settings_from(const Config& config);
fleet::FleetSettings fleet_settings_from(const Config& config);

}  // namespace backfill::cli
