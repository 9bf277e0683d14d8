#include "store/stale.hpp"

namespace backfill::store {

void mark_stale(std::vector<BackfillSummary>& rows, ProgressStore& locks) {
  for (auto& row : rows) {
    if (row.status != Status::kInProgress || row.github_id <= 0) continue;
    // A free lock has no live run behind it; ours goes at once.
    row.stale = locks.try_lock_repository(Repository{{}, row.github_id, {}}) != nullptr;
  }
}

}  // namespace backfill::store
