#include "engine/stop_reason.hpp"

#include <algorithm>

#include "backfill/core/duration.hpp"

namespace backfill::engine {

std::optional<std::pair<PauseKind, std::string>> stop_reason(
    const RunParams& params, const CancelToken& cancel, long chunks_committed,
    const std::deque<Duration>& recent_chunk_durations, SystemTime now, SystemTime started) {
  if (cancel.stop_requested()) {
    return std::pair{PauseKind::kSignal, std::string("interrupted by a stop signal")};
  }
  if (params.max_chunks && chunks_committed >= *params.max_chunks) {
    return std::pair{PauseKind::kMaxChunks, "stopped after " + std::to_string(chunks_committed) +
                                                " chunks (--max-chunks)"};
  }
  if (params.time_budget) {
    Duration estimate{0};
    for (auto d : recent_chunk_durations) estimate = std::max(estimate, d);
    if (now + estimate >= started + *params.time_budget) {
      return std::pair{PauseKind::kTimeBudget,
                       "time budget of " + format_duration(*params.time_budget) + " used"};
    }
  }
  return std::nullopt;
}

}  // namespace backfill::engine
