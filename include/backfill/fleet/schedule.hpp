#pragma once
// Scheduling, the pure half: from the migration status of every tracked
// repository, decide what to dispatch to GitHub Actions, what to backfill
// inline, and what to leave alone — each with its reason.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/fleet/router.hpp"
#include "backfill/fleet/verdict.hpp"
#include "backfill/store/store.hpp"

namespace backfill::fleet {

inline constexpr long kDefaultMaxDispatch = 20;
inline constexpr std::chrono::seconds kDefaultInlineBudget = std::chrono::minutes(2);
inline constexpr const char* kMaxDispatchEnv = "BACKFILL_MAX_DISPATCH";
// A completed backfill not refreshed for this long is refreshed by the
// scheduler and the workers (--refresh-every).
inline constexpr std::chrono::seconds kDefaultRefreshEvery = std::chrono::hours(6);

struct ScheduleSettings {
  RouteSettings route;
  long max_dispatch = kDefaultMaxDispatch;
  std::chrono::seconds stall_after = kDefaultStallAfter;
};

// One tracked repository as the scheduler sees it.
struct ScheduleCandidate {
  store::Repository repository;
  Verdict verdict;
  std::optional<std::int64_t> github_count;
  std::optional<store::Progress> progress;
  std::optional<std::string> dispatched_at;
  bool prefer_actions = false;
};

// kRefresh: a completed backfill refreshed inline (scheduler.cpp), after
// the others.
enum class ScheduleAction { kDispatch, kInline, kSkip, kRefresh };
std::string to_string(ScheduleAction action);  // "dispatch", "inline", "skip", "refresh"

struct ScheduleDecision {
  store::Repository repository;
  ScheduleAction action = ScheduleAction::kSkip;
  std::string
      reason;  // "actions (4,812 PRs > threshold 1,000)", "dispatched 10m ago, not started yet"
};

// --max-dispatch, else BACKFILL_MAX_DISPATCH, else 20; UsageError naming the
// source for a value that is not a whole number >= 0.
long resolve_max_dispatch(std::optional<long> flag, const EnvLookup& env);

// Pure. Complete repositories are left out. The rest, oldest progress first
// (never started first of all), are skipped when they are running, waiting
// for a rate-limit reset, or were dispatched less than `stall_after` ago and
// have not started since; otherwise routed: an inline run that ran out of
// its budget before goes to Actions, the others as route() decides. At most
// `max_dispatch` dispatches; the rest wait for the next pass.
std::vector<ScheduleDecision> plan_schedule(std::vector<ScheduleCandidate> candidates,
                                            const ScheduleSettings& settings, SystemTime now);

}  // namespace backfill::fleet
