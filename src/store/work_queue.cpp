// open_work_queue, and the queue of a single worker: read through the Store
// interface, locked with the store's own lock (SQLite's fcntl lock), so it
// still stays off a repository that a `backfill run` or another `work`
// process holds.
#include "backfill/store/work_queue.hpp"

#include <algorithm>
#include <tuple>

#include "backfill/core/errors.hpp"
#include "store/postgres/work_queue.hpp"

namespace backfill::store {

namespace {

constexpr bool kTracked = true;  // all that tracked_repositories() lists

// Never started first, then the oldest progress, then by name.
auto claim_order(const TrackedRepository& t) {
  const bool started = t.progress && t.progress->started_at;
  const std::string updated = t.progress ? t.progress->updated_at.value_or("") : "";
  return std::make_tuple(started, updated, t.repository.name.key());
}

class StoreWorkQueue final : public WorkQueue {
 public:
  explicit StoreWorkQueue(Store& store) : store_(store) {}

  std::optional<Claim> claim_next(const std::string& now,
                                  const std::set<std::string>& skip) override {
    auto candidates = tracked();
    std::erase_if(candidates, [&](const TrackedRepository& t) {
      return skip.count(t.repository.id) > 0 || !needs_work(kTracked, t.progress, now);
    });
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return claim_order(a) < claim_order(b); });
    for (const auto& candidate : candidates) {
      auto lock = store_.try_lock_repository(candidate.repository);
      if (!lock) continue;
      // Read again under the lock: its last holder may have just finished it.
      const auto& id = candidate.repository.id;
      if (!needs_work(kTracked, scheduled_progress(store_, id, store_.load_progress(id)), now)) {
        continue;
      }
      return Claim{candidate.repository, std::move(lock)};
    }
    return std::nullopt;
  }

  std::int64_t unfinished() override {
    const auto all = tracked();
    return std::count_if(all.begin(), all.end(), [](const TrackedRepository& t) {
      return store::unfinished(kTracked, t.progress);
    });
  }

 private:
  // Every tracked repository, each with the progress its runs advance.
  std::vector<TrackedRepository> tracked() {
    auto all = store_.tracked_repositories();
    for (auto& t : all) t.progress = scheduled_progress(store_, t.repository.id, t.progress);
    return all;
  }

  Store& store_;
};

}  // namespace

std::unique_ptr<WorkQueue> open_work_queue(const std::string& database_url, Store& locks) {
  switch (backend_for_url(database_url)) {
    case Backend::kPostgres: return std::make_unique<PostgresWorkQueue>(database_url, locks);
    case Backend::kSqlite: return std::make_unique<StoreWorkQueue>(locks);
  }
  throw UsageError("unsupported database URL");
}

void check_workers_supported(Backend backend, int workers) {
  if (workers < 1) {
    throw UsageError("--workers must be at least 1, got " + std::to_string(workers));
  }
  if (backend == Backend::kSqlite && workers > 1) {
    throw UsageError("--workers " + std::to_string(workers) +
                     " needs PostgreSQL: parallel workers share a queue in the database, and "
                     "SQLite has none (use a postgres:// --database-url, or --workers 1)");
  }
}

}  // namespace backfill::store
