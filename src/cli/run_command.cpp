// `backfill [run] --repo OWNER/NAME`: one repository's backfill, with what
// a GitHub Actions job step adds around it.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/cli/actions_step.hpp"
#include "backfill/cli/commands.hpp"
#include "backfill/cli/progress_line.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/github_session.hpp"
#include "cli/open_store.hpp"

namespace backfill::cli {

int command_run(const Config& config, std::ostream& out) {
  install_stop_signal_handlers();
  CancelToken& cancel = process_cancel_token();
  auto store = open_migrated_store(config);

  SystemClock clock;
  engine::GitHubSession github(session_settings_from(config), clock, cancel);

  engine::RunParams params = engine::run_params_for(backfill_settings_from(config), *config.repo);
  params.max_chunks = config.max_chunks;
  params.time_budget = config.time_budget;
  params.restart = config.restart;

  // A live line only for a person watching a terminal, never in logs.
  ProgressLine progress(clock);
  ActionsStep actions_step(config);
  const bool live = isatty(STDERR_FILENO) && !config.actions.active &&
                    config.verbosity == Verbosity::kNormal && config.log_format == LogFormat::kText;
  params.on_progress = [&](const engine::ProgressSnapshot& s) {
    if (live) progress.update(s);
    actions_step.on_progress(s);
  };

  auto outcome = engine::run_backfill(
      params, {github.client(), *store, clock, cancel, github.jitter_source()});
  progress.finish();
  const int code = engine::exit_code_for(outcome.result);
  if (outcome.result == engine::RunResult::kFailed) {
    spdlog::error("{}: failed: {} (everything up to the last committed chunk is kept)",
                  outcome.repo.full(), outcome.reason);
  }

  actions_step.finish(outcome, github);

  out << engine::outcome_json(outcome).dump() << std::endl;
  return code;
}

}  // namespace backfill::cli
