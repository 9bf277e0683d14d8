#include "engine/chunk_ledger.hpp"

namespace backfill::engine {

ChunkLedger::ChunkLedger(SystemTime started, RunCounters at_start)
    : started_(started), at_last_commit_(at_start), handed_at_(started), handed_(at_start) {}

ChunkCost ChunkLedger::hand_over(SystemTime now, RunCounters counters) {
  handed_at_ = now;
  handed_ = counters;
  return {static_cast<long>(counters.requests - at_last_commit_.requests),
          counters.retries - at_last_commit_.retries,
          std::chrono::duration_cast<Duration>(now - last_commit())};
}

Duration ChunkLedger::committed() {
  const auto duration = std::chrono::duration_cast<Duration>(handed_at_ - last_commit());
  recent_.push_back(duration - (handed_.waited - at_last_commit_.waited));
  if (recent_.size() > 5) recent_.pop_front();
  last_commit_ = handed_at_;
  at_last_commit_ = handed_;
  return duration;
}

}  // namespace backfill::engine
