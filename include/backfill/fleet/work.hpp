#pragma once
// The workers of `backfill work` (the command itself: cli/work_command.hpp):
// worker threads that take repositories from the queue in
// the database (store/work_queue.hpp) and backfill them, one at a time each.
//
//   backfill work [--workers N] [--until-empty] [--time-budget D]
//
//   --workers N      threads working at once (default 1). Each has its own
//                    HTTP connection (curl handle), GitHub client and
//                    database connection; all share one rate-limit governor
//                    (engine/shared_budget.hpp), so together they keep the
//                    --min-remaining reserve and pace as one. Above 1 needs
//                    PostgreSQL: on SQLite it is a UsageError (exit 2)
//                    before anything is done; --workers 1 on SQLite works,
//                    sequentially, with SQLite's lock file.
//   --until-empty    exit once nothing is claimable and no worker of this
//                    process is working. Without it the process runs until
//                    its time budget (or a signal), looking for work every
//                    few seconds when there is none.
//   --time-budget D  the process's budget; each run gets what is left of it.
//
// Each worker loops: claim (a tracked repository that is not complete, not
// held by anyone, not waiting for a rate-limit reset; never started and
// oldest progress first) -> run_backfill holding the claim's lock, with the
// run settings of the configuration (chunk size, retries, backoff,
// --min-remaining) -> release -> next. A repository whose run failed is not
// claimed again by this process. --restart and --max-chunks do not apply.
// Several processes, on several machines, cooperate through the database
// alone: no repository is worked on by two at once, and one whose process
// died is claimable again (its lock died with its connection).
//
// When nothing is left to backfill, a worker refreshes (engine/refresh_run)
// a tracked repository whose backfill is completed and whose last refresh
// is older than --refresh-every (default 6h; never refreshed first): the
// same lock is held for the refresh's walk only, and each repository is
// refreshed at most once per process. Its line is a refresh's result line.
//
// SIGINT/SIGTERM stop every worker at its next chunk boundary (the run
// pauses as usual) and then the process.
//
// stdout: one JSON line per finished repository run (the fields of
// `backfill run`'s line plus "worker"), then one summary line
// {"summary": {...}}. Each worker's User-Agent says who it is:
// "backfill/VERSION (worker K, pid P, host H)".
//
// Exit code:
//   1   any repository run failed, or a worker could not go on (database
//       unreachable); the other repositories still ran
//   75  any run paused (signal, time budget, a rate-limit wait past the
//       budget), or the process was stopped by its time budget or a signal
//       while tracked repositories are still unfinished
//   0   otherwise: every run completed and nothing was left to this process
//       (with --until-empty, the queue had nothing claimable)
#include <chrono>
#include <iosfwd>
#include <optional>

#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/fleet/fleet_settings.hpp"

namespace backfill::fleet {

struct WorkOptions {
  int workers = 1;                                             // --workers N (>= 1)
  bool until_empty = false;                                    // --until-empty
  std::optional<std::chrono::seconds> time_budget;             // --time-budget D
  std::chrono::seconds refresh_every = std::chrono::hours(6);  // --refresh-every D
  // How often an idle worker looks for work again (not an option; tests
  // shorten it).
  std::chrono::milliseconds poll_interval{std::chrono::seconds(2)};
};

// Runs the workers until there is nothing left for them, the time budget
// is spent or `cancel` trips, and returns the exit code above. `clock` is
// shared by every worker thread, so it must be thread-safe. Throws
// UsageError (exit 2) for --workers < 1 or above 1 on SQLite, FatalError
// when the database cannot be opened.
int run_work(const FleetSettings& settings, const WorkOptions& options, std::ostream& out,
             Clock& clock, const CancelToken& cancel);

}  // namespace backfill::fleet
