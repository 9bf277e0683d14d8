#pragma once
// What one backfill run needs from the database (engine::run_backfill), as
// three narrow interfaces: the repository it works on, its progress, and
// its run record. Both engines implement them (store/sqlite, store/postgres)
// behind store::Store, which adds what the fleet commands need.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "backfill/core/repo_name.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

// Repositories: found by name, stored by GitHub id.
class RepositoryCatalog {
 public:
  virtual ~RepositoryCatalog() = default;

  // Looks a repository up by owner/name, case-insensitively.
  virtual std::optional<Repository> find_repository(const RepoName& repo) = 0;
  // Inserts or refreshes (by github_id) and returns the stored row; a rename
  // on GitHub updates owner/name of the existing row. Throws FatalError when
  // the name is stored for a different github_id (deleted and re-created).
  // Never changes whether the repository is tracked.
  virtual Repository upsert_repository(std::int64_t github_id, const RepoName& name,
                                       const std::string& now) = 0;
  // Tracks a stored repository, as a backfill of it does. Returns true when
  // it was not tracked before; tracked_at is kept when it was.
  virtual bool mark_tracked(const std::string& repository_id, const std::string& now) = 0;
  // GitHub's current count of the repository's pull requests (state=all).
  virtual void record_github_pull_count(const std::string& repository_id, std::int64_t pull_count,
                                        const std::string& now) = 0;
};

// backfill_progress: the lock, the cursor and the counters of a backfill.
class ProgressStore {
 public:
  virtual ~ProgressStore() = default;

  // nullptr when another process holds the repository, or another lock
  // object of this process does (locks are not re-entrant). The lock is the
  // repository's GitHub id, so every name it has or had (any case, before
  // and after a rename) takes the same lock, and two repositories never
  // share one. PostgreSQL: a session advisory lock on a connection of its
  // own; SQLite: an fcntl lock on one byte of "<database>.locks". Throws
  // std::invalid_argument for a repository without a GitHub id.
  virtual std::unique_ptr<RepositoryLock> try_lock_repository(const Repository& repo) = 0;

  virtual std::optional<Progress> load_progress(const std::string& repository_id) = 0;

  // Marks the start of a run: creates the progress row if missing, sets
  // status in_progress, total_expected, started_at (first run only) and
  // updated_at. With `restart`, the cursor is cleared and completed_at reset.
  virtual void begin_run(const std::string& repository_id, std::int64_t total_expected,
                         bool restart, const std::string& now) = 0;

  // Writes one chunk atomically and returns the new total_processed (the
  // number of distinct PRs of the repository stored, not a running sum).
  // NUL characters are stripped from all text; a PR repeated within the
  // chunk is written once (the last copy). On any failure nothing of the
  // chunk is visible and FatalError (database errors) propagates.
  virtual std::int64_t upsert_chunk(const ChunkWrite& chunk) = 0;

  // Ends a run (store/run_end.hpp has the rules): status
  // completed/paused/failed with an optional error message (already
  // redacted). failed increments error_count; completed sets completed_at
  // and clears last_error; a paused/failed run without a message keeps the
  // previous last_error. resume_after is stored as given (cleared when
  // absent); total_expected, when given, replaces the stored one. Throws
  // std::invalid_argument for pending/in_progress.
  virtual void finish_run(const std::string& repository_id, const RunEnd& end) = 0;

  // The listing reached its end: in ONE transaction, status completed,
  // completed_at, last_error cleared, total_expected and the repository's
  // GitHub pull count (and its checked_at) set to `exact_total_expected`.
  // Once it returns, nothing but another run can change that status.
  virtual void complete_run(const std::string& repository_id, std::int64_t exact_total_expected,
                            const std::string& now) = 0;
};

// backfill_runs: one row per invocation.
class RunRecords {
 public:
  virtual ~RunRecords() = default;

  // Returns the new row's id.
  virtual std::string start_run_record(const RunRecordStart& start) = 0;
  virtual void finish_run_record(const std::string& run_id, const RunRecordEnd& end) = 0;
};

// Everything a backfill run touches.
class BackfillStore : public RepositoryCatalog, public ProgressStore, public RunRecords {};

}  // namespace backfill::store
