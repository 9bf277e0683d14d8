// `backfill [run] --repo OWNER/NAME`: one repository's backfill, or its
// refresh once the backfill is completed, with what a GitHub Actions job
// step adds around it.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/cli/actions_step.hpp"
#include "backfill/cli/commands.hpp"
#include "backfill/cli/progress_line.hpp"
#include "backfill/cli/refresh_command.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/backfill_settings.hpp"
#include "backfill/engine/github_session.hpp"
#include "backfill/engine/refresh_run.hpp"
#include "cli/open_store.hpp"

namespace backfill::cli {

namespace {

// "unchanged (304 Not Modified): 1 request, 0 rate-limit points" (a depth
// scope adds its children and ", N GraphQL points"; with comments, its
// review comments too)
// "7 reviews and 12 comments as on GitHub; 3 reviews and 1 comments
// deleted", or with review comments "7 reviews, 12 comments and 4 review
// comments as on GitHub; 3 reviews, 1 comments and 2 review comments deleted".
std::string children_note(const engine::RefreshOutcome& r) {
  const bool inline_comments = r.run.scope.find("comments") != std::string::npos;
  const auto list = [&](std::int64_t reviews, std::int64_t comments, std::int64_t inline_count) {
    std::string out = std::to_string(reviews) + " reviews" + (inline_comments ? ", " : " and ") +
                      std::to_string(comments) + " comments";
    if (inline_comments) out += " and " + std::to_string(inline_count) + " review comments";
    return out;
  };
  return list(r.reviews, r.comments, r.review_comments) + " as on GitHub; " +
         list(r.reviews_deleted, r.comments_deleted, r.review_comments_deleted) + " deleted";
}

std::string refresh_note(const engine::RefreshOutcome& r) {
  std::string what = r.not_modified   ? "unchanged (304 Not Modified)"
                     : r.changed == 0 ? "unchanged"
                                      : std::to_string(r.changed) +
                                            (r.changed == 1 ? " PR changed" : " PRs changed");
  if (r.run.result != engine::RunResult::kCompleted)
    what = "interrupted; the next refresh walks again";
  else if (r.run.scope != kListScope && !r.not_modified && r.changed > 0)
    what += " (" + children_note(r) + ")";
  std::string cost = what + ": " + std::to_string(r.run.requests) +
                     (r.run.requests == 1 ? " request, " : " requests, ") +
                     std::to_string(r.rate_limit_points) + " rate-limit point" +
                     (r.rate_limit_points == 1 ? "" : "s");
  if (r.run.scope != kListScope) cost += ", " + std::to_string(r.run.points) + " GraphQL points";
  return cost;
}

}  // namespace

int command_run(const Config& config, std::ostream& out) {
  return run_or_refresh(config, out, false);
}

int run_or_refresh(const Config& config, std::ostream& out, bool refresh_asked) {
  install_stop_signal_handlers();
  CancelToken& cancel = process_cancel_token();
  auto store = open_migrated_store(config);

  SystemClock clock;
  engine::GitHubSession github(session_settings_from(config), clock, cancel);

  engine::RunParams params = engine::run_params_for(backfill_settings_from(config), *config.repo);
  params.max_chunks = config.max_chunks;
  params.time_budget = config.time_budget;
  params.restart = config.restart;
  ActionsStep actions_step(config);

  // `refresh --repo` without --with refreshes the depth the repository is
  // tracked with (`track --with`), as `refresh --all` does.
  if (refresh_asked) {
    if (auto known = store->find_repository(*config.repo)) {
      engine::with_tracked_depth(params, *store, known->id);
    }
  }

  std::optional<std::string> refused;
  if (!config.restart) {
    auto refresh = engine::run_refresh(
        params, {github.client(), *store, clock, cancel, github.jitter_source()});
    if (!refresh.refused) {
      actions_step.finish(refresh.run, github, refresh_note(refresh));
      out << engine::refresh_outcome_json(refresh).dump() << std::endl;
      return engine::exit_code_for(refresh.run.result);
    }
    if (refresh_asked) {
      refused = refresh.run.reason;
      spdlog::warn("{}; resuming the backfill instead", *refused);
    }
  }

  // A live line only for a person watching a terminal, never in logs.
  ProgressLine progress(clock);
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

  auto line = engine::outcome_json(outcome);
  if (refused) {
    line["refresh"] = "refused";
    line["refresh_reason"] = *refused;
  }
  out << line.dump() << std::endl;
  return code;
}

}  // namespace backfill::cli
