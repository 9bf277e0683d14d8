#pragma once
// The many-repositories subcommands, free of CLI11 (src/cli/app.cpp parses
// the command line and calls these); the scheduling and work logic they
// call is in fleet/. Each returns the process exit code;
// UsageError (exit 2), github::GitHubError and FatalError (exit 1) propagate
// for run_app to map.
//
//   backfill track OWNER/NAME...     exit 0 when every one is tracked, 1 when
//                                    any could not be (not found on GitHub, ...)
//   backfill untrack OWNER/NAME...   exit 0 when every one is now untracked
//                                    (already untracked counts), 1 when any is
//                                    not stored at all
//   backfill route --repo OWNER/NAME exit 0; the decision on one line:
//                                    "actions (4,812 PRs > threshold 1,000)"
//   backfill check-migration-status  exit 0, or with --fail-on-incomplete 1
//                                    when any tracked repository is not complete
//   backfill work                    see fleet/work.hpp
#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

#include "backfill/cli/config.hpp"
#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/fleet/router.hpp"
#include "backfill/fleet/scheduler.hpp"
#include "backfill/fleet/verdict.hpp"
#include "backfill/fleet/work.hpp"

namespace backfill::cli {

struct RouteOptions {
  RepoName repo;
  fleet::RouteSettings settings;  // resolve_route_settings(...)
  bool json = false;
};

struct CheckOptions {
  std::chrono::seconds stall_after = fleet::kDefaultStallAfter;  // --stall-after (parse_duration)
  std::chrono::seconds stale_after = fleet::kDefaultStaleAfter;  // --stale-after
  bool json = false;
  bool fail_on_incomplete = false;
  // --schedule: then act on every repository that is not complete
  // (scheduler.hpp). Its stall_after is this one's.
  std::optional<fleet::ScheduleOptions> schedule;
};

// Validates every name first (UsageError, nothing done), then for each
// distinct one: GitHub's repository (canonical name, id) and pull count,
// stored and tracked in one transaction. One line per repository on `out`.
int command_track(const Config& config, const std::vector<std::string>& repos, std::ostream& out);
// No request to GitHub: looks each name up in the store (case-insensitively).
int command_untrack(const Config& config, const std::vector<std::string>& repos, std::ostream& out);
// One count request; the decision as text, or JSON with --json.
int command_route(const Config& config, const RouteOptions& options, std::ostream& out);
int command_check_migration_status(const Config& config, const CheckOptions& options,
                                   std::ostream& out);

// Installs the SIGINT/SIGTERM handlers and runs the workers (fleet/work.hpp)
// with the process's cancel token and the system clock. Without its own
// --time-budget the common one applies.
int command_work(const Config& config, fleet::WorkOptions options, std::ostream& out);

// The same three with the clock injected (the ones above use SystemClock):
// the time recorded as tracked_at and count times, and the "now" verdicts
// are judged at.
int command_track(const Config& config, const std::vector<std::string>& repos, std::ostream& out,
                  Clock& clock);
int command_check_migration_status(const Config& config, const CheckOptions& options,
                                   std::ostream& out, Clock& clock);
int command_work(const Config& config, fleet::WorkOptions options, std::ostream& out, Clock& clock,
                 const CancelToken& cancel);

}  // namespace backfill::cli
