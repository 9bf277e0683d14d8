#pragma once
// The engine's settings from the resolved configuration, in one place for
// every command that runs backfills (run, work, check-migration-status
// --schedule): callers then set only what differs (budget, lock, ...).
// Inline, like Config itself: the fleet commands below the CLI use them too.
#include "backfill/cli/config.hpp"
#include "backfill/engine/backfill_run.hpp"

namespace backfill::cli {

// Retries, backoff and the rate-limit reserve.
inline engine::RunnerParams runner_params_from(const Config& config) {
  engine::RunnerParams r;
  r.policy.max_retries = config.max_retries;
  r.policy.base_delay = std::chrono::milliseconds(config.backoff_base_ms);
  r.min_remaining = config.min_remaining;
  return r;
}

// Chunk size, runner settings, trigger and run URL for `repo`; no budget,
// no max-chunks, no restart.
inline engine::RunParams run_params_from(const Config& config, const RepoName& repo) {
  engine::RunParams p;
  p.repo = repo;
  p.chunk_size = config.chunk_size;
  p.runner = runner_params_from(config);
  p.trigger = config.actions.trigger;
  p.run_url = config.actions.run_url;
  return p;
}

}  // namespace backfill::cli
