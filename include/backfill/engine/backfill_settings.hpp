#pragma once
// What every backfill a command starts has in common (run, work,
// check-migration-status --schedule), resolved once from the configuration
// by the CLI (cli/settings.hpp). Callers then set only what differs per run:
// its budget, its lock, its progress callback.
#include <optional>
#include <string>

#include "backfill/core/repo_name.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/store/depth_store.hpp"

namespace backfill::engine {

struct BackfillSettings {
  int chunk_size = 50;                 // the ceiling (engine/budget adapts below it)
  RunnerParams runner;                 // retries, backoff, rate-limit reserve
  std::string trigger = "terminal";    // backfill_runs.trigger
  std::optional<std::string> run_url;  // the GitHub Actions run, if any
  DepthScope depth;                    // --with (none: list only)
  std::string graphql_url;             // where GraphQL queries go (--graphql-url)
};

// Chunk size, runner settings, trigger and run URL for `repo`; no budget,
// no max-chunks, no restart.
RunParams run_params_for(const BackfillSettings& settings, const RepoName& repo);

// A scheduled run (work, check-migration-status --schedule) without a
// --with of its own takes the one the repository is tracked with
// (`track --with`). Throws UsageError for a stored list it cannot read.
void with_tracked_depth(RunParams& params, store::DepthStore& store,
                        const std::string& repository_id);

}  // namespace backfill::engine
