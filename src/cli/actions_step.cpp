#include "backfill/cli/actions_step.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "backfill/actions/dispatch.hpp"
#include "backfill/actions/issue_reporter.hpp"
#include "backfill/actions/outputs.hpp"
#include "backfill/actions/run_settings.hpp"
#include "backfill/actions/workflow_commands.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/redact.hpp"

namespace backfill::cli {

namespace {

constexpr long kChunksPerGroup = 10;

void print_command(const std::string& line) {
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

std::string without_newline(std::string line) {
  while (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

actions::RunSettings run_settings(const Config& config) {
  actions::RunSettings s;
  if (config.chunk_size != 50) s.chunk_size = config.chunk_size;
  s.max_chunks = config.max_chunks;
  s.time_budget = config.time_budget_text;
  if (config.with.any()) s.with = config.with.key();
  s.restart = config.restart;
  return s;
}

}  // namespace

LineDecorator actions_log_decorator() {
  return [](LineLevel level, const std::string& text) -> std::optional<std::string> {
    if (level == LineLevel::kWarn) return without_newline(actions::warning(text));
    if (level == LineLevel::kError) return without_newline(actions::error(text));
    return std::nullopt;
  };
}

actions::RunReport make_run_report(const Config& config, const engine::RunOutcome& outcome,
                                   const std::optional<std::string>& cursor_text) {
  actions::RunReport r;
  r.repository = outcome.repo.full();
  r.status = engine::result_word(outcome.result);
  r.exit_code = engine::exit_code_for(outcome.result);
  r.stored_this_run = outcome.stored_this_run;
  r.total_processed = outcome.total_processed;
  r.total_expected = outcome.total_expected;
  r.requests = outcome.requests;
  r.retries = outcome.retries;
  r.waited = outcome.waited;
  r.rate_limit_remaining = outcome.rate.remaining;
  r.rate_limit_limit = outcome.rate.limit;
  r.rate_limit_reset_epoch = outcome.rate.reset_epoch;
  r.chunk_durations = outcome.chunk_durations;
  r.chunk_totals = outcome.chunk_totals;
  if (outcome.result == engine::RunResult::kPaused) r.stop_reason = outcome.reason;
  if (outcome.result == engine::RunResult::kFailed) r.error = redact(outcome.reason);
  r.cursor = cursor_text;
  r.resume_command = actions::resume_command(outcome.repo, run_settings(config));
  r.run_url = config.actions.run_url;
  return r;
}

bool wants_continuation(const Config& config, const engine::RunOutcome& outcome) {
  return config.actions.continue_via_dispatch && outcome.result == engine::RunResult::kPaused &&
         (outcome.pause == engine::PauseKind::kTimeBudget ||
          outcome.pause == engine::PauseKind::kRateLimitWait);
}

void ActionsStep::on_progress(const engine::ProgressSnapshot& s) {
  if (!config_.actions.active) return;
  if (chunks_seen_ % kChunksPerGroup == 0) {
    if (group_open_) print_command(actions::endgroup());
    print_command(actions::group(s.repo.full() + ": chunks " + std::to_string(chunks_seen_ + 1) +
                                 "-" + std::to_string(chunks_seen_ + kChunksPerGroup)));
    group_open_ = true;
  }
  ++chunks_seen_;
  spdlog::info("{}/{} pull requests stored", s.total_processed, s.total_expected);
}

void ActionsStep::finish(const engine::RunOutcome& outcome, engine::GitHubSession& github,
                         const std::optional<std::string>& refresh) {
  if (group_open_) print_command(actions::endgroup());
  group_open_ = false;
  auto report = make_run_report(config_, outcome, outcome.cursor);
  report.refresh = refresh;
  const auto& a = config_.actions;
  try {
    if (a.output_path) {
      actions::append_outputs(*a.output_path,
                              {{"status", report.status},
                               {"processed", std::to_string(report.total_processed)},
                               {"expected", std::to_string(report.total_expected)},
                               {"requests", std::to_string(report.requests)},
                               {"exit_code", std::to_string(report.exit_code)}});
    }
    if (a.summary_path) actions::append_summary(*a.summary_path, actions::render_summary(report));
  } catch (const std::exception& e) {
    spdlog::error("could not write the step outputs or summary: {}", redact(e.what()));
  }
  report_issue(report, outcome, github);
  if (wants_continuation(config_, outcome)) continue_via_dispatch(outcome, github);
}

void ActionsStep::report_issue(const actions::RunReport& report, const engine::RunOutcome& outcome,
                               engine::GitHubSession& github) {
  const auto& a = config_.actions;
  if (!a.report_issues || !a.issues_repo) return;
  try {
    if (outcome.result == engine::RunResult::kFailed) {
      auto action = actions::report_failure(github, *a.issues_repo, report);
      spdlog::info(
          "failure reported in {} ({})", a.issues_repo->full(),
          action == actions::IssueAction::kOpened ? "new issue" : "comment on the open issue");
    } else if (outcome.result == engine::RunResult::kCompleted) {
      if (actions::report_completion(github, *a.issues_repo, report) ==
          actions::IssueAction::kClosed) {
        spdlog::info("failure issue in {} closed", a.issues_repo->full());
      }
    }
  } catch (const std::exception& e) {
    spdlog::warn("could not report to issues of {}: {}", a.issues_repo->full(), redact(e.what()));
  }
}

void ActionsStep::continue_via_dispatch(const engine::RunOutcome& outcome,
                                        engine::GitHubSession& github) {
  const auto& repo = *config_.actions.workflow_repo;
  try {
    github.dispatch(repo, actions::dispatch_payload(outcome.repo, run_settings(config_)));
    spdlog::info("continuation dispatched to {} (repository_dispatch progressive-backfill)",
                 repo.full());
  } catch (const std::exception& e) {
    spdlog::warn("could not dispatch the continuation to {}: {}", repo.full(), redact(e.what()));
  }
}

}  // namespace backfill::cli
