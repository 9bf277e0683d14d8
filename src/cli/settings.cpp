#include "backfill/cli/settings.hpp"

namespace backfill::cli {

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
  s.runner = runner_params_from(config);
  return s;
}

engine::BackfillSettings backfill_settings_from(const Config& config) {
  engine::BackfillSettings b;
  b.chunk_size = config.chunk_size;
  b.runner = runner_params_from(config);
  b.trigger = config.actions.trigger;
  b.run_url = config.actions.run_url;
  return b;
}

fleet::FleetSettings fleet_settings_from(const Config& config) {
  return {config.database_url, session_settings_from(config), backfill_settings_from(config)};
}

}  // namespace backfill::cli
