#pragma once
// What a run does for GitHub Actions around the engine: log groups and
// workflow commands, then outputs, the step summary, failure issues and the
// continuation dispatch. Inactive (does nothing) outside Actions unless the
// flags ask for issues or continuation.
#include <optional>
#include <string>

#include "backfill/actions/step_summary.hpp"
#include "backfill/cli/config.hpp"
#include "backfill/core/log.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/github_session.hpp"

namespace backfill::cli {

// Turns warnings and errors into ::warning:: / ::error:: lines.
LineDecorator actions_log_decorator();

// The run's report for summaries and issues (text already redacted).
actions::RunReport make_run_report(const Config& config, const engine::RunOutcome& outcome,
                                   const std::optional<std::string>& cursor_text);

// Whether a paused run should hand over to a new job.
bool wants_continuation(const Config& config, const engine::RunOutcome& outcome);

class ActionsStep {
 public:
  explicit ActionsStep(const Config& config) : config_(config) {}

  // After each chunk: a new log group every 10 chunks.
  void on_progress(const engine::ProgressSnapshot& s);
  // After the run. Never throws and never changes the exit code: a failure
  // to report is logged.
  // `refresh`: a refresh's result line for the summary (RunReport::refresh).
  void finish(const engine::RunOutcome& outcome, engine::GitHubSession& github,
              const std::optional<std::string>& refresh = std::nullopt);

 private:
  void report_issue(const actions::RunReport& report, const engine::RunOutcome& outcome,
                    engine::GitHubSession& github);
  void continue_via_dispatch(const engine::RunOutcome& outcome, engine::GitHubSession& github);

  const Config& config_;
  long chunks_seen_ = 0;
  bool group_open_ = false;
};

}  // namespace backfill::cli
