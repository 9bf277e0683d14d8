// The words, exit codes and result line of a run's outcome.
#include <nlohmann/json.hpp>

#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/engine/backfill_run.hpp"

namespace backfill::engine {

const char* result_word(RunResult r) {
  return r == RunResult::kCompleted ? "completed" : r == RunResult::kPaused ? "paused" : "failed";
}

nlohmann::json outcome_json(const RunOutcome& outcome) {
  nlohmann::json line = {{"repository", outcome.repo.full()},
                         {"status", result_word(outcome.result)},
                         {"processed", outcome.total_processed},
                         {"expected", outcome.total_expected},
                         {"stored_this_run", outcome.stored_this_run},
                         {"chunks", outcome.chunks},
                         {"requests", outcome.requests},
                         {"retries", outcome.retries},
                         {"waited_ms", outcome.waited.count()},
                         {"exit_code", exit_code_for(outcome.result)}};
  if (outcome.scope != kListScope) {
    line["scope"] = outcome.scope;
    line["points"] = outcome.points;
  }
  if (!outcome.reason.empty()) line["reason"] = outcome.reason;
  if (outcome.resume_at) line["resume_after"] = format_iso8601(*outcome.resume_at);
  if (outcome.rate.remaining) {
    line["rate_limit"] = {{"limit", outcome.rate.limit.value_or(0)},
                          {"remaining", *outcome.rate.remaining},
                          {"reset", outcome.rate.reset_epoch.value_or(0)}};
  }
  return line;
}

int exit_code_for(RunResult result) {
  switch (result) {
    case RunResult::kCompleted: return kExitCompleted;
    case RunResult::kPaused: return kExitResumable;
    case RunResult::kFailed: return kExitFailed;
  }
  return kExitFailed;
}

}  // namespace backfill::engine
