#pragma once
// The refresh walk's pure half: which pull requests of each page of the
// listing sorted by update (newest first) a refresh writes, and when it
// has gone far enough. No I/O.
//
// The walk goes down from the newest update until it meets a pull request
// last updated before the old watermark minus the overlap window: every
// change since the last refresh lies above that point. The overlap re-reads
// a little below the watermark, for updates stamped in the same second as
// it and for clocks that disagree by a little. Pages shift while the walk
// runs (a pull request updated meanwhile jumps to the top, pushing the
// others down a place), so one may come again on the next page: it is
// written once (de-duplicated by id). Nothing is skipped by such a shift;
// the one updated meanwhile is caught by the next refresh, since its new
// updated_at is above the new watermark.
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/core/pull_request.hpp"

namespace backfill::engine {

inline constexpr std::chrono::seconds kRefreshOverlap = std::chrono::minutes(5);

class RefreshWalk {
 public:
  // `watermark`: ISO-8601 UTC, where the last refresh began; nullopt walks
  // the whole listing. Throws std::invalid_argument for an unreadable one.
  RefreshWalk(const std::optional<std::string>& watermark, std::chrono::seconds overlap);

  // The pull requests of the next page to write: those at or above the
  // stopping point not met before on this walk. Once one below it is met,
  // reached_end() is true and the rest of the page is left out.
  std::vector<PullRequest> take(const std::vector<PullRequest>& page);

  // One pull request met, in listing order (take() for listings of other
  // shapes, e.g. GraphQL pages): kWrite, kAgain (met before on this walk:
  // written once), or kEnd (below the stopping point, or after it: the
  // walk is over).
  enum class Met { kWrite, kAgain, kEnd };
  Met meet(std::int64_t github_id, const std::string& updated_at);

  bool reached_end() const { return reached_end_; }
  // The updated_at of the first pull request met (the newest when the walk
  // began): the next refresh's watermark. nullopt on an empty listing.
  const std::optional<std::string>& new_watermark() const { return new_watermark_; }

 private:
  std::optional<SystemTime> stop_below_;
  std::set<std::int64_t> seen_;
  std::optional<std::string> new_watermark_;
  bool reached_end_ = false;
};

// The watermark of a first refresh, when no refresh has run yet: the time
// the backfill started (our clock; the walk's overlap absorbs a small
// difference from GitHub's). Every pull request last updated before then
// was stored as it is now. nullopt (walk everything) when the start time
// is unknown or unreadable.
std::optional<std::string> first_watermark(const std::optional<std::string>& backfill_started_at);

}  // namespace backfill::engine
