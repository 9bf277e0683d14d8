#pragma once
// One worker thread of `backfill work` (fleet/work.hpp) and what the
// workers of a process share.
#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/engine/budget_pool.hpp"
#include "backfill/fleet/work.hpp"

namespace backfill::fleet {

// What the workers of the process did, for the summary and the exit code.
struct WorkTally {
  long runs = 0;
  long completed = 0;
  long paused = 0;
  long failed = 0;
  int worker_errors = 0;          // workers that stopped on an error of their own
  bool time_budget_used = false;  // a worker stopped because the budget ran out
  std::int64_t stored = 0;        // PRs written by all runs
  std::int64_t requests = 0;
  long refreshed = 0;  // refreshes that finished (changed or not)
};

struct WorkShared {
  WorkShared(const FleetSettings& f, const WorkOptions& o, Clock& k, const CancelToken& t,
             std::ostream& s)
      : settings(f), options(o), clock(k), cancel(t), out(s) {}

  const FleetSettings& settings;
  const WorkOptions& options;
  Clock& clock;
  const CancelToken& cancel;
  std::ostream& out;
  // The rate-limit governors: the token's, or one per App installation.
  engine::BudgetPool budgets;
  std::optional<SystemTime> deadline;  // end of the process's time budget

  std::mutex mutex;                      // guards what follows, and `out`
  int running = 0;                       // workers running a repository now
  std::set<std::string> failed_here;     // repository ids whose run failed: not claimed again
  std::set<std::string> refreshed_here;  // repository ids refreshed (or tried) by this process
  WorkTally tally;
  // GitHub rejected the token: every further run would fail the same way
  // (and mark its repository failed), so every worker stops.
  std::atomic<bool> token_rejected{false};
};

// The worker's loop, until there is nothing left for it (see fleet/work.hpp)
// or the process stops. Never throws: an error of its own (a database it
// cannot reach) is logged and tallied as a worker error.
void run_worker(int number, WorkShared& shared);

// "backfill/VERSION (worker K, pid P, host H)": which worker sent a request.
std::string worker_user_agent(int number);

}  // namespace backfill::fleet
