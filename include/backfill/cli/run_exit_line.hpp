#pragma once
// The result line of a backfill run that ended before the engine could
// report one: invalid settings, another run holding the repository, a
// database that cannot be opened. Same shape as engine::outcome_json, so
// that every exit of a run prints one JSON line a script can rely on.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "backfill/core/repo_name.hpp"

namespace backfill::cli {

// Why a run ended early; each has its status word and exit code:
//   kUsage   "usage_error" 2   a setting, flag, event or URL is invalid
//   kBusy    "busy"        75  another run holds the repository
//   kFailed  "failed"      1   the run could not start (database, ...)
enum class EarlyExit { kUsage, kBusy, kPaused, kFailed };

int exit_code_for(EarlyExit why);
const char* status_word(EarlyExit why);

// {"status", "exit_code", "reason", "repository" (when known), and this
// run's counters, all zero: nothing was fetched or stored}. `reason` is
// passed through redact().
nlohmann::json early_exit_json(EarlyExit why, const std::optional<RepoName>& repo,
                               const std::string& reason);

}  // namespace backfill::cli
