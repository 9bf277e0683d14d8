#pragma once
// The domain rows the store reads and writes, shared by every store
// interface (backfill_store.hpp, registry.hpp, status_view.hpp) and both
// engines.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/pull_request.hpp"
#include "backfill/core/repo_name.hpp"

namespace backfill::store {

enum class Status { kPending, kInProgress, kPaused, kCompleted, kFailed };
std::string to_string(Status s);                  // "pending", "in_progress", ...
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
  std::optional<std::string> run_id;  // backfill_runs.id of the run that wrote it
  int chunk_size = 0;                 // the size the run chose (adaptive, see engine)
  long requests = 0;                  // API requests spent since the previous chunk
  long retries = 0;                   // retries among them
  std::optional<std::int64_t> rate_limit_remaining;  // after the chunk
  std::chrono::milliseconds duration{0};
  std::optional<std::string> rate_limit_reset_at;  // ISO-8601 UTC: when that budget resets
};

// One chunk, written in ONE transaction: authors, PRs, then the cursor and
// counters, then its metrics row. If any part fails, none of it is visible.
struct ChunkWrite {
  std::string repository_id;
  std::vector<PullRequest> pulls;
  std::string cursor;  // the position after the last PR of this chunk
  std::string now;     // ISO-8601 UTC, from the injected clock
  ChunkMetrics metrics;
};

// How a run ended (backfill_progress): see ProgressStore::finish_run.
struct RunEnd {
  Status status = Status::kCompleted;
  std::optional<std::string> error;            // redacted; last_error
  std::optional<std::string> resume_after;     // ISO-8601: paused until a rate-limit reset
  std::optional<std::int64_t> total_expected;  // exact count seen at the listing's end
  std::string now;
};

// One invocation of the program (backfill_runs).
struct RunRecordStart {
  std::optional<std::string> repository_id;
  std::string repository;              // "owner/name" as asked
  std::string trigger;                 // terminal, workflow_dispatch, repository_dispatch, schedule
  std::optional<std::string> run_url;  // the GitHub Actions run, when there is one
  std::string started_at;
};

struct RunRecordEnd {
  std::optional<std::string> repository_id;  // known by now even if not at the start
  std::string status;                        // completed, paused, failed
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
  std::int64_t github_id = 0;
  std::int64_t total_processed = 0;
  std::optional<std::int64_t> total_expected;
  Status status = Status::kPending;
  std::optional<std::string> started_at;
  std::optional<std::string> updated_at;
  std::optional<std::string> last_error;
  std::optional<std::string> resume_after;
  Pace recent;  // over the last 50 chunks
  // in_progress, yet no run holds the repository's lock: the run died
  // (killed, or lost its database) before recording how it ended.
  bool stale = false;
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

}  // namespace backfill::store
