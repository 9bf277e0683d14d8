// Which repositories `backfill work` should take: the one definition both
// queues follow (store/work_queue.hpp).
#include "backfill/store/work_queue.hpp"

namespace backfill::store {

bool unfinished(bool tracked, const std::optional<Progress>& progress) {
  return tracked && (!progress || progress->status != Status::kCompleted);
}

bool needs_work(bool tracked, const std::optional<Progress>& progress, const std::string& now) {
  if (!unfinished(tracked, progress)) return false;
  // Both sides are "YYYY-MM-DDTHH:MM:SSZ": text order is time order.
  return !progress || !progress->resume_after || *progress->resume_after <= now;
}

std::optional<Progress> scheduled_progress(DepthStore& store, const std::string& repository_id,
                                           std::optional<Progress> list) {
  if (auto with = store.backfill_with(repository_id)) return store.load_scope(repository_id, *with);
  return list;
}

}  // namespace backfill::store
