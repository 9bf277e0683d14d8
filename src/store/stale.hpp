#pragma once
// `stale` in `backfill status`: an in_progress backfill whose repository
// lock is free has no live run (a live run holds its lock until it ends).
#include <vector>

#include "backfill/store/backfill_store.hpp"

namespace backfill::store {

// Sets BackfillSummary::stale on each in_progress row, by trying its lock
// with `locks` (and releasing it at once).
void mark_stale(std::vector<BackfillSummary>& rows, ProgressStore& locks);

}  // namespace backfill::store
