#pragma once
// What each chunk of a run cost since the chunk before it, and the figures
// the run keeps about its chunks. A chunk's costs are taken when it is
// handed to the store, not when it is committed: the next page, fetched
// while the chunk is written (engine/prefetch.hpp), counts for the next
// chunk. Pure logic: times and counters are passed in.
#include <cstdint>
#include <deque>
#include <optional>

#include "backfill/core/clock.hpp"
#include "backfill/core/duration.hpp"

namespace backfill::engine {

// The run's running totals at one moment.
struct RunCounters {
  std::int64_t requests = 0;
  long retries = 0;
  Duration waited{0};  // in rate-limit waits
};

// The cost of the chunk being handed over.
struct ChunkCost {
  long requests = 0;
  long retries = 0;
  Duration duration{0};  // since the previous commit (the run's start for the first)
};

class ChunkLedger {
 public:
  ChunkLedger(SystemTime started, RunCounters at_start);

  // The chunk handed to the store at `now`, the counters being `counters`.
  ChunkCost hand_over(SystemTime now, RunCounters counters);

  // That chunk was committed: the ledger moves to it. Returns its duration.
  Duration committed();

  // When the last committed chunk was handed over (the run's start before).
  SystemTime last_commit() const { return last_commit_.value_or(started_); }

  // The durations of the last five chunks, rate-limit waits left out: a
  // time budget's estimate of the next chunk (a wait the budget cannot hold
  // pauses the run on its own).
  const std::deque<Duration>& recent_durations() const { return recent_; }

 private:
  SystemTime started_;
  std::optional<SystemTime> last_commit_;
  RunCounters at_last_commit_;
  SystemTime handed_at_;
  RunCounters handed_;
  std::deque<Duration> recent_;
};

}  // namespace backfill::engine
