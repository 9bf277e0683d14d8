#include "backfill/cli/settings.hpp"

#include <cstdio>

#include "backfill/actions/workflow_commands.hpp"

namespace backfill::cli {

void mask_in_actions_log(const std::string& secret) {
  std::fputs(actions::add_mask(secret).c_str(), stdout);
  std::fflush(stdout);
}

engine::RunnerParams runner_params_from(const Config& config) {
  engine::RunnerParams r;
  r.policy.max_retries = config.max_retries;
  r.policy.base_delay = std::chrono::milliseconds(config.backoff_base_ms);
  r.min_remaining = config.min_remaining;
  return r;
}

engine::SessionSettings session_settings_from(const Config& config) {
  engine::SessionSettings s;
  s.api_url = config.api_url;
  s.token = config.token;
  // Allowed whether or not this command's --with is given: a tracked
  // repository may be scheduled with its own (`track --with`).
  s.graphql_url = config.graphql_url;
  if (config.app) {
    s.app =
        engine::AppSettings{config.app->id, config.app->private_key, config.app->key_source,
                            config.app->installation_id,
                            config.actions.report_issues || config.actions.continue_via_dispatch};
    // Under Actions each installation token is masked in the job's log the
    // moment it is minted (the lower layers cannot print workflow commands).
    if (config.actions.active) s.on_secret = mask_in_actions_log;
  }
  s.runner = runner_params_from(config);
  return s;
}

engine::BackfillSettings backfill_settings_from(const Config& config) {
  engine::BackfillSettings b;
  b.chunk_size = config.chunk_size;
  b.runner = runner_params_from(config);
  b.trigger = config.actions.trigger;
  b.run_url = config.actions.run_url;
  b.depth = config.with;
  b.graphql_url = config.graphql_url;
  return b;
}

fleet::FleetSettings fleet_settings_from(const Config& config) {
  return {config.database_url, session_settings_from(config), backfill_settings_from(config)};
}

}  // namespace backfill::cli
