#pragma once
// The queue that `backfill work` takes repositories from: every tracked
// repository whose backfill is not complete and not waiting for a
// rate-limit reset (backfill_progress.resume_after still ahead): see
// needs_work() below, the one definition of it. Claiming
// one takes its repository lock (ProgressStore::try_lock_repository, the same lock
// `backfill run` takes), and the claim holds it until it is destroyed: while
// it lives no other worker, process or `backfill run` can work on that
// repository, and when its process dies the lock dies with it (a PostgreSQL
// session, an fcntl lock), so the repository is claimable again.
//
// Order: never-started backfills first, then the one whose progress is
// oldest (backfill_progress.updated_at), then by name.
//
// PostgreSQL: several workers and several processes, on several machines,
// claim from one database at once; the claim is a short transaction that
// picks the first candidate with SELECT ... FOR NO KEY UPDATE SKIP LOCKED
// (two claimers never pick the same row at the same moment), takes the
// repository's advisory lock and checks again, in a fresh snapshot, that
// the repository still needs work (another worker may have completed it in
// between). SQLite: one worker per process (check_workers_supported), the
// candidates read through the Store and locked with its file lock.
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "backfill/store/store.hpp"

namespace backfill::store {

// The rules of the queue, the ONE definition of them: the SQLite queue
// applies them as they are, the PostgreSQL claim query is written to match
// (tests/store/needs_work_test.cpp holds both engines to one table of cases).
// Not complete yet, claimable or not: what unfinished() counts.
bool unfinished(bool tracked, const std::optional<Progress>& progress);
// Unfinished and not waiting for a rate-limit reset at `now` (ISO-8601 UTC):
// what claim_next() may take. An in_progress row needs work too: its run
// may have died; the repository lock tells a live one apart.
bool needs_work(bool tracked, const std::optional<Progress>& progress, const std::string& now);
// The progress the rules above read for a tracked repository: a repository
// tracked `--with` (repositories.backfill_with) is run as that depth scope
// (engine::with_tracked_depth), so its backfill_scopes row decides, not the
// list's (`list`, backfill_progress), which such a run never advances.
// nullopt: the scope (or the list) never started.
std::optional<Progress> scheduled_progress(DepthStore& store, const std::string& repository_id,
                                           std::optional<Progress> list);

// A repository taken from the queue, with its lock.
struct Claim {
  Repository repository;
  std::unique_ptr<RepositoryLock> lock;  // held until the claim is destroyed
};

class WorkQueue {
 public:
  virtual ~WorkQueue() = default;

  // The first repository that needs work at `now` (ISO-8601 UTC) and whose
  // lock is free, skipping the ids in `skip` (e.g. those this process
  // already failed); nullopt when there is none right now. Throws
  // FatalError on database errors.
  virtual std::optional<Claim> claim_next(const std::string& now,
                                          const std::set<std::string>& skip) = 0;

  // Tracked repositories whose backfill is not complete, whether claimable,
  // claimed or waiting for a reset: 0 means the queue is done.
  virtual std::int64_t unfinished() = 0;
};

// The queue of `database_url` for one worker; `locks` is the worker's own
// store, which takes (and owns the connection of) each claim's lock.
// Throws UsageError for a bad URL, FatalError when it cannot connect.
std::unique_ptr<WorkQueue> open_work_queue(const std::string& database_url, Store& locks);

// Throws UsageError unless `workers` (>= 1) can run at once on this
// backend: SQLite allows one (it has no shared queue to claim from).
void check_workers_supported(Backend backend, int workers);

}  // namespace backfill::store
