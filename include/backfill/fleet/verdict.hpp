#pragma once
// The migration verdict of one repository: a pure function of what is
// stored, GitHub's current count and the time, so every case is testable
// with a fixed clock.
//
//   never started  no backfill yet (no progress row, or pending with nothing stored)
//   failed         the last run failed (detail: the error)
//   paused         stopped early (detail: the reason and when it may resume)
//   stalled        in progress, but no progress for `stall_after` or longer
//   incomplete     in progress and moving, or completed but GitHub has more
//                  PRs now than are stored (gap: how many)
//   complete       completed, and GitHub has no more PRs than are stored
//   stale          complete, but not refreshed (engine/refresh_run.hpp) within
//                  `stale_after`: stored rows may lag merges, closes, edits
//   unknown        completed, but GitHub's count could not be read
//
// Counts cannot see everything: PRs deleted on GitHub stay stored, so a
// deletion balanced by a new PR leaves the counts equal. "complete" means
// the last run reached the end of the listing and nothing is known missing.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/store/store.hpp"

namespace backfill::fleet {

inline constexpr std::chrono::seconds kDefaultStallAfter = std::chrono::hours(2);
inline constexpr std::chrono::seconds kDefaultStaleAfter = std::chrono::hours(24);

enum class VerdictKind {
  kComplete,
  kIncomplete,
  kNeverStarted,
  kStalled,
  kPaused,
  kFailed,
  kUnknown,
  kStale,
};

// "complete", "incomplete", "never started", "stalled", "paused", "failed", "unknown",
// "stale"
std::string to_string(VerdictKind kind);

struct Verdict {
  VerdictKind kind = VerdictKind::kNeverStarted;
  // PRs on GitHub beyond those stored (never negative); nullopt when
  // GitHub's count is unknown.
  std::optional<std::int64_t> gap;
  // One line for a person, not repeating the kind: the error of a failed
  // backfill, the reason and resume time of a paused one, the gap of others.
  std::string detail;
};

struct VerdictInput {
  std::optional<store::Progress> progress;   // nullopt: never started
  std::optional<std::int64_t> github_count;  // nullopt: the count request failed
  std::string github_error;                  // why, when github_count is nullopt
  SystemTime now;
  std::chrono::seconds stall_after = kDefaultStallAfter;
  // When the list scope was last refreshed (nullopt: never; the completion
  // time stands in), and how old that may be before the verdict is stale.
  std::optional<std::string> refreshed_at;
  std::chrono::seconds stale_after = kDefaultStaleAfter;
};

Verdict judge(const VerdictInput& input);

// Stored PRs per the progress row (its exact distinct count), 0 without one.
std::int64_t stored_pulls(const std::optional<store::Progress>& progress);

}  // namespace backfill::fleet
