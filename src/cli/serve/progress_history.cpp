#include "cli/serve/progress_history.hpp"

#include <algorithm>

namespace backfill::cli::serve {

std::vector<StoredPoint> stored_over_time(std::int64_t total_processed,
                                          const std::vector<store::ChunkRow>& chunks) {
  std::vector<StoredPoint> points(chunks.size());
  std::int64_t stored = total_processed;
  for (std::size_t i = chunks.size(); i-- > 0;) {
    points[i] = StoredPoint{chunks[i].ran_at, std::max<std::int64_t>(0, stored)};
    stored -= chunks[i].pr_count;
  }
  return points;
}

}  // namespace backfill::cli::serve
