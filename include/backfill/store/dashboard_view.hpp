#pragma once
// What `backfill serve` reads: every tracked repository and every backfill,
// with their runs and chunks, through a connection that cannot write
// (SQLite opened SQLITE_OPEN_READONLY, PostgreSQL sessions with
// default_transaction_read_only) and never takes a repository's lock: a
// page left open never slows or blocks a running backfill.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/repo_name.hpp"
#include "backfill/store/depth_store.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

// One backfill_runs row.
struct RunRow {
  std::string repository;  // as asked
  std::string trigger;
  std::optional<std::string> run_url;
  std::string started_at;
  std::optional<std::string> ended_at;
  std::optional<std::string> status;  // NULL while the run has not recorded its end
  std::optional<std::int64_t> exit_code;
  std::int64_t prs_stored = 0;
  std::int64_t requests = 0;
  std::int64_t retries = 0;
  std::int64_t rate_limit_wait_ms = 0;
  std::optional<std::string> error;
};

// One backfill_chunks row.
struct ChunkRow {
  std::int64_t chunk_index = 0;
  std::int64_t pr_count = 0;
  std::int64_t chunk_size = 0;
  std::int64_t requests = 0;
  std::int64_t retries = 0;
  std::optional<std::int64_t> rate_limit_remaining;
  std::int64_t duration_ms = 0;
  std::string ran_at;
  std::optional<std::int64_t> points;  // GraphQL points (depth scopes' chunks only)
};

// A tracked repository, or one with a backfill, as the dashboard lists it.
struct DashboardRow {
  BackfillSummary summary;  // as `backfill status` reads it (pending when never started)
  bool tracked = false;
  bool started = false;  // has a backfill_progress row
  std::optional<std::int64_t> github_pull_count;
  std::optional<std::string> completed_at;
  std::optional<std::string> cursor;  // last_processed_cursor
  std::int64_t error_count = 0;
  std::int64_t chunks_committed = 0;
  std::int64_t requests = 0;  // over every committed chunk
  std::int64_t retries = 0;
  std::optional<std::int64_t> rate_limit_remaining;  // after the latest chunk
  std::optional<std::string> rate_limit_reset_at;    // when that budget resets
  std::optional<std::string> last_chunk_at;
  std::optional<RunRow> last_run;
  // The last refresh of the completed backfill (refresh_state, scope list).
  std::optional<std::string> refreshed_at;
  std::optional<std::int64_t> refresh_changed;
};

// A depth scope (backfill_scopes row) of a repository, as the dashboard lists it.
struct ScopeRow {
  ScopeSummary summary;  // as `backfill status` reads it
  std::int64_t github_id = 0;
  std::optional<std::string> started_at;
  std::optional<std::string> completed_at;
  std::optional<std::string> resume_after;
  std::int64_t error_count = 0;
  std::optional<std::int64_t> rate_limit_remaining;  // after the scope's latest chunk
  std::optional<std::string> rate_limit_reset_at;    // when that budget resets
  std::optional<std::string> last_chunk_at;
  bool stale = false;  // in progress, but no run holds the repository
};

// backfill_runs by how they ended ("running": not ended yet).
struct RunTotals {
  std::string status;
  std::int64_t runs = 0;
  std::int64_t prs_stored = 0;
  std::int64_t requests = 0;
  std::int64_t retries = 0;
  std::int64_t rate_limit_wait_ms = 0;
};

struct DashboardSnapshot {
  std::vector<DashboardRow> rows;  // by owner, then name (case-insensitive)
  std::vector<ScopeRow> scopes;    // the same order, then by scope
  std::vector<RunTotals> runs_by_status;
};

// One depth scope's chunks (backfill_chunks rows with its scope_id).
struct ScopeChunks {
  std::string scope;
  std::vector<ChunkRow> chunks;  // the latest kHistoryChunks, oldest first
};

struct RepositoryHistory {
  std::vector<ChunkRow> chunks;     // the list backfill's latest kHistoryChunks, oldest first
  std::vector<ScopeChunks> scopes;  // by scope
  std::vector<RunRow> runs;         // the latest kHistoryRuns, newest first
};
inline constexpr int kHistoryChunks = 2000;
inline constexpr int kHistoryRuns = 50;

class DashboardView {
 public:
  virtual ~DashboardView() = default;
  // Throws FatalError (or ConnectionLost) when the database cannot answer.
  virtual DashboardSnapshot snapshot() = 0;
  virtual RepositoryHistory history(const RepoName& repository) = 0;
};

// Opens `database_url` read-only. Never creates, migrates or locks
// anything; throws FatalError when the database cannot be opened.
std::unique_ptr<DashboardView> open_dashboard_view(const std::string& database_url);

}  // namespace backfill::store
