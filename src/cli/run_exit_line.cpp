#include "backfill/cli/run_exit_line.hpp"

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"

namespace backfill::cli {

int exit_code_for(EarlyExit why) {
  switch (why) {
    case EarlyExit::kUsage: return kExitUsage;
    case EarlyExit::kBusy:
    case EarlyExit::kPaused: return kExitResumable;
    case EarlyExit::kFailed: return kExitFailed;
  }
  return kExitFailed;
}

const char* status_word(EarlyExit why) {
  switch (why) {
    case EarlyExit::kUsage: return "usage_error";
    case EarlyExit::kBusy: return "busy";
    case EarlyExit::kPaused: return "paused";
    case EarlyExit::kFailed: return "failed";
  }
  return "failed";
}

nlohmann::json early_exit_json(EarlyExit why, const std::optional<RepoName>& repo,
                               const std::string& reason) {
  nlohmann::json line = {{"status", status_word(why)},
                         {"exit_code", exit_code_for(why)},
                         {"reason", redact(reason)},
                         {"stored_this_run", 0},
                         {"chunks", 0},
                         {"requests", 0},
                         {"retries", 0},
                         {"waited_ms", 0}};
  if (repo) line["repository"] = repo->full();
  return line;
}

}  // namespace backfill::cli
