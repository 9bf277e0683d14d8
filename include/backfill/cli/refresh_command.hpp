#pragma once
// `backfill refresh --repo OWNER/NAME | --all`, and the refresh a plain run
// of a completed repository does (engine/refresh_run.hpp).
#include <chrono>
#include <iosfwd>
#include <optional>

#include "backfill/cli/config.hpp"

namespace backfill::cli {

struct RefreshOptions {
  bool all = false;  // --all: every tracked repository (fleet/refresh_all.hpp)
};

// With --repo: a refresh when the repository's backfill is completed;
// otherwise the refusal is logged ("refresh of o/n refused: its backfill is
// in_progress (...); resuming the backfill instead") and the backfill
// resumes: the exit code and result line are the backfill's, the line with
// "refresh": "refused" and "refresh_reason". With --all: fleet::refresh_all.
// UsageError for neither or both.
int command_refresh(const Config& config, const RefreshOptions& options, std::ostream& out);

// `backfill [run] --repo`: a refresh when the backfill is completed (and
// --restart is not given), else the backfill. `refresh_asked`: the user
// asked for a refresh (`backfill refresh --repo`), so a refusal is said.
int run_or_refresh(const Config& config, std::ostream& out, bool refresh_asked);

}  // namespace backfill::cli
