#pragma once
// The storage interface. It speaks the domain, not SQL, so each engine can
// take its own fast path (PostgreSQL: batched multi-row statements; SQLite:
// prepared statements in one transaction). One implementation per backend,
// chosen by URL scheme in open_store().
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/repo_name.hpp"
#include "backfill/github/pull_request.hpp"

namespace backfill::store {

enum class Status { kPending, kInProgress, kPaused, kCompleted, kFailed };
std::string to_string(Status s);   // "pending", "in_progress", ...
Status status_from_string(const std::string& s);  // throws std::invalid_argument

struct Repository {
  std::string id;  // UUID
  std::int64_t github_id = 0;
  RepoName name;
};

struct Progress {
  std::string repository_id;
  std::optional<std::string> cursor;  // last_processed_cursor (engine/cursor)
  std::int64_t total_processed = 0;   // distinct PRs of the repository stored
  std::optional<std::int64_t> total_expected;
  Status status = Status::kPending;
  std::optional<std::string> last_error;
  std::int64_t error_count = 0;
  std::optional<std::string> started_at;  // ISO-8601 UTC
  std::optional<std::string> updated_at;
  std::optional<std::string> completed_at;
  std::optional<std::string> resume_after;  // paused until then (rate limit)
};

// What a chunk cost: one backfill_chunks row, written in the chunk's own
// transaction so metrics never disagree with data.
struct ChunkMetrics {
  std::optional<std::string> run_id;    // backfill_runs.id of the run that wrote it
  int chunk_size = 0;                   // the size the run chose (adaptive, see engine)
  long requests = 0;                    // API requests spent since the previous chunk
  long retries = 0;                     // retries among them
  std::optional<std::int64_t> rate_limit_remaining;  // after the chunk
  std::chrono::milliseconds duration{0};
};

// One chunk, written in ONE transaction: authors, PRs, then the cursor and
// counters, then its metrics row. If any part fails, none of it is visible.
struct ChunkWrite {
  std::string repository_id;
  std::vector<github::PullRequest> pulls;
  std::string cursor;  // the position after the last PR of this chunk
  std::string now;     // ISO-8601 UTC, from the injected clock
  ChunkMetrics metrics;
};

// How a run ended (backfill_progress): see Store::finish_run.
struct RunEnd {
  Status status = Status::kCompleted;
  std::optional<std::string> error;          // redacted; last_error
  std::optional<std::string> resume_after;   // ISO-8601: paused until a rate-limit reset
  std::optional<std::int64_t> total_expected;  // exact count seen at the listing's end
  std::string now;
};

// One invocation of the program (backfill_runs).
struct RunRecordStart {
  std::optional<std::string> repository_id;
  std::string repository;  // "owner/name" as asked
  std::string trigger;     // terminal, workflow_dispatch, repository_dispatch, schedule
  std::optional<std::string> run_url;  // the GitHub Actions run, when there is one
  std::string started_at;
};

struct RunRecordEnd {
  std::optional<std::string> repository_id;  // known by now even if not at the start
  std::string status;       // completed, paused, failed
  int exit_code = 0;
  std::int64_t prs_stored = 0;
  std::int64_t requests = 0;
  std::int64_t retries = 0;
  std::chrono::milliseconds rate_limit_wait{0};
  std::optional<std::string> error;
  std::string ended_at;
};

// Recent pace of a backfill, over its last chunks (backfill_chunks).
struct Pace {
  std::int64_t chunks = 0;
  std::int64_t prs = 0;
  std::int64_t requests = 0;
  std::chrono::milliseconds busy{0};  // summed chunk durations
};

// A row of the active_backfills view (plus what `status` prints).
struct BackfillSummary {
  std::string repository;  // "owner/name"
  std::int64_t total_processed = 0;
  std::optional<std::int64_t> total_expected;
  Status status = Status::kPending;
  std::optional<std::string> started_at;
  std::optional<std::string> updated_at;
  std::optional<std::string> last_error;
  std::optional<std::string> resume_after;
  Pace recent;  // over the last 50 chunks
};

// The registry (migration 0003): which repositories are scheduled. A
// repository is tracked from `backfill track` or its first backfill until
// `backfill untrack`; untracking only stops scheduling, every row stays.
struct TrackedRepository {
  Repository repository;
  std::string tracked_at;                              // ISO-8601 UTC
  std::optional<std::int64_t> github_pull_count;       // GitHub's count when last checked
  std::optional<std::string> github_count_checked_at;  // ISO-8601 UTC
  std::optional<Progress> progress;                    // nullopt: never started
  std::optional<std::string> dispatched_at;            // last sent to GitHub Actions
  bool prefer_actions = false;                         // an inline run did not finish
};

struct TrackOutcome {
  Repository repository;
  bool newly_tracked = false;  // false: it was tracked already
};

// Held while a run works on a repository; released on destruction and, like
// a PostgreSQL session or an fcntl lock, when the process dies.
class RepositoryLock {
 public:
  virtual ~RepositoryLock() = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies pending migrations in order, recording them in schema_migrations.
  // Idempotent and safe against a concurrent migrate() from another process.
  // Returns the versions applied by this call.
  virtual std::vector<std::string> migrate() = 0;

  // nullptr when another process holds `repo` (case-insensitively), or
  // another lock object of this process does (locks are not re-entrant).
  // PostgreSQL: a session advisory lock on a connection of its own; SQLite:
  // an fcntl lock on one byte of "<database>.locks".
  virtual std::unique_ptr<RepositoryLock> try_lock_repository(const RepoName& repo) = 0;

  // Looks a repository up by owner/name, case-insensitively.
  virtual std::optional<Repository> find_repository(const RepoName& repo) = 0;
  // Inserts or refreshes (by github_id) and returns the stored row; a rename
  // on GitHub updates owner/name of the existing row. Throws FatalError when
  // the name is stored for a different github_id (deleted and re-created).
  virtual Repository upsert_repository(std::int64_t github_id, const RepoName& name,
                                       const std::string& now) = 0;

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

  // Ends a run: status completed/paused/failed with an optional error message
  // (already redacted). failed increments error_count; completed sets
  // completed_at and clears last_error; a paused/failed run without a message
  // keeps the previous last_error. resume_after is stored as given (cleared
  // when absent); total_expected, when given, replaces the stored one.
  // Throws std::invalid_argument for pending/in_progress.
  virtual void finish_run(const std::string& repository_id, const RunEnd& end) = 0;

  // backfill_runs: one row per invocation. start returns its id.
  virtual std::string start_run_record(const RunRecordStart& start) = 0;
  virtual void finish_run_record(const std::string& run_id, const RunRecordEnd& end) = 0;

  // Rows of the active_backfills view (every backfill not completed), or of every backfill when
  // `include_all`; optionally for one repository.
  virtual std::vector<BackfillSummary> backfills(const std::optional<RepoName>& repo,
                                                 bool include_all) = 0;

  // Number of stored PRs of a repository (for tests and status).
  virtual std::int64_t count_pulls(const std::string& repository_id) = 0;

  // --- The registry (migration 0003) ---
  // upsert_repository never changes whether a repository is tracked.

  // In one transaction: inserts or refreshes the repository exactly as
  // upsert_repository does (same FatalError), tracks it (tracked_at kept
  // when it already was) and records `pull_count` as GitHub's count at `now`.
  virtual TrackOutcome track_repository(std::int64_t github_id, const RepoName& name,
                                        std::int64_t pull_count, const std::string& now) = 0;
  // Tracks a stored repository, as a backfill of it does. Returns true when
  // it was not tracked before; tracked_at is kept when it was.
  virtual bool mark_tracked(const std::string& repository_id, const std::string& now) = 0;
  // Stops scheduling a repository; its rows (PRs, progress, runs) stay.
  // Returns true when it was tracked.
  virtual bool untrack_repository(const std::string& repository_id) = 0;
  // GitHub's current count of the repository's pull requests (state=all).
  virtual void record_github_pull_count(const std::string& repository_id,
                                        std::int64_t pull_count, const std::string& now) = 0;
  // Every tracked repository with its progress, by lower-cased owner, then name.
  virtual std::vector<TrackedRepository> tracked_repositories() = 0;

  // --- Scheduling (migration 0004) ---
  // The scheduler sent the repository to GitHub Actions at `now`.
  virtual void record_dispatch(const std::string& repository_id, const std::string& now) = 0;
  // An inline run ran out of its budget: route it to Actions from now on.
  virtual void set_prefer_actions(const std::string& repository_id, bool prefer) = 0;
};

// "postgres://", "postgresql://" -> PostgreSQL; "sqlite:PATH", "sqlite://PATH"
// or a bare path -> SQLite. Throws UsageError for an unknown scheme and
// FatalError when the database cannot be opened (message redacted).
std::unique_ptr<Store> open_store(const std::string& database_url);

// The same rules, without opening anything (for config validation).
enum class Backend { kSqlite, kPostgres };
Backend backend_for_url(const std::string& database_url);
std::string sqlite_path_for_url(const std::string& database_url);

}  // namespace backfill::store
