#pragma once
// Stored PRs over time, from the chunks (pure): the chart of
// /repos/OWNER/NAME and its JSON.
#include <cstdint>
#include <string>
#include <vector>

#include "backfill/store/dashboard_view.hpp"

namespace backfill::cli::serve {

struct StoredPoint {
  std::string at;  // the chunk's ran_at
  std::int64_t stored = 0;
};

// One point per chunk, oldest first: the PRs stored once it committed. Only
// the latest chunks are read, so the counts are worked out backwards from
// the current total (never below 0).
std::vector<StoredPoint> stored_over_time(std::int64_t total_processed,
                                          const std::vector<store::ChunkRow>& chunks);

}  // namespace backfill::cli::serve
