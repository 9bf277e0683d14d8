#pragma once
#include <string>

#include "backfill/store/store.hpp"
#include "backfill/store/stream_store.hpp"
#include "store/chunk_rows.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/uuid.hpp"

namespace backfill::store {

// The SQLite backend: one connection, cached prepared statements, every
// write in a BEGIN IMMEDIATE transaction. UUIDs are made here (SQLite has no
// generator) and timestamps are stored as the ISO-8601 text they arrive as.
struct DeepRows;  // store/deep_rows.hpp

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path);  // throws FatalError

  std::vector<std::string> migrate() override;
  std::unique_ptr<RepositoryLock> try_lock_repository(const Repository& repo) override;
  std::optional<Repository> find_repository(const RepoName& repo) override;
  Repository upsert_repository(std::int64_t github_id, const RepoName& name,
                               const std::string& now) override;
  std::optional<Progress> load_progress(const std::string& repository_id) override;
  void begin_run(const std::string& repository_id, std::int64_t total_expected, bool restart,
                 const std::string& now) override;
  std::int64_t upsert_chunk(const ChunkWrite& chunk) override;
  void finish_run(const std::string& repository_id, const RunEnd& end) override;
  void complete_run(const std::string& repository_id, std::int64_t exact_total_expected,
                    const std::string& now) override;
  std::string start_run_record(const RunRecordStart& start) override;
  void finish_run_record(const std::string& run_id, const RunRecordEnd& end) override;
  std::vector<BackfillSummary> backfills(const std::optional<RepoName>& repo,
                                         bool include_all) override;
  std::int64_t count_pulls(const std::string& repository_id) override;

  // Depth scopes (sqlite_depth.cpp).
  std::optional<Progress> load_scope(const std::string& repository_id,
                                     const std::string& scope) override;
  void begin_scope(const std::string& repository_id, const std::string& scope,
                   std::int64_t total_expected, bool restart, const std::string& now) override;
  std::int64_t upsert_deep_chunk(const DeepChunkWrite& chunk) override;
  void upsert_pull_children(const PullChildrenWrite& children) override;
  void finish_scope(const std::string& repository_id, const std::string& scope,
                    const RunEnd& end) override;
  void complete_scope(const std::string& repository_id, const std::string& scope,
                      std::int64_t exact_total_expected, const std::string& now) override;
  void set_backfill_with(const std::string& repository_id,
                         const std::optional<std::string>& with) override;
  std::optional<std::string> backfill_with(const std::string& repository_id) override;
  std::vector<ScopeSummary> scopes(const std::optional<RepoName>& repo) override;

  // A depth scope's streams (sqlite_streams.cpp).
  std::optional<StreamProgress> load_stream(const StreamKey& key) override;
  void reset_stream(const StreamKey& key, const std::string& now) override;
  void start_stream(const StreamKey& key, std::int64_t pass_total, const std::string& now) override;
  void write_stream_page(const StreamPageWrite& page) override;
  std::int64_t write_pull_review_comments(const PullReviewCommentsWrite& page) override;

  // The registry (sqlite_registry.cpp).
  TrackOutcome track_repository(std::int64_t github_id, const RepoName& name,
                                std::int64_t pull_count, const std::string& now) override;
  bool mark_tracked(const std::string& repository_id, const std::string& now) override;
  bool untrack_repository(const std::string& repository_id) override;
  void record_github_pull_count(const std::string& repository_id, std::int64_t pull_count,
                                const std::string& now) override;
  std::vector<TrackedRepository> tracked_repositories() override;
  void record_dispatch(const std::string& repository_id, const std::string& now) override;
  void set_prefer_actions(const std::string& repository_id, bool prefer) override;

  // Incremental refresh (sqlite_refresh.cpp).
  std::optional<RefreshState> load_refresh(const std::string& repository_id,
                                           const std::string& scope) override;
  RefreshWrite write_refresh_chunk(const RefreshChunk& chunk) override;
  void record_unchanged_refresh(const std::string& repository_id, const std::string& scope,
                                const std::string& now) override;
  std::vector<RefreshDue> refreshes_due(const std::string& scope,
                                        const std::string& cutoff) override;

  // Refresh of a depth scope (sqlite_depth_refresh.cpp).
  std::map<std::int64_t, std::string> stored_updated_at(
      const std::vector<std::int64_t>& pull_github_ids) override;
  DepthRefreshWrite write_depth_refresh_chunk(const DepthRefreshChunk& chunk) override;
  std::vector<DepthRefreshDue> depth_refreshes_due(const std::string& cutoff) override;

 private:
  // upsert_repository's work inside a write transaction the caller holds.
  Repository upsert_repository_row(std::int64_t github_id, const RepoName& name,
                                   const std::string& now);
  // The progress row after `end` (store/run_end.hpp), inside the caller's
  // write transaction.
  void write_run_end(const std::string& repository_id, const RunEnd& end);
  // The rows of a depth chunk or a heavy PR's children, inside the caller's
  // write transaction.
  void write_deep_rows(const std::string& repository_id, const DeepRows& rows);
  void write_scope_end(const std::string& repository_id, const std::string& scope,
                       const RunEnd& end);
  // One PR row, inside the caller's write transaction.
  void upsert_pull_row(const PullRow& pr, const std::string& repository_id, const std::string& now);

  std::string lock_path_;
  sqlite::Connection db_;
  UuidGenerator uuids_;
};

}  // namespace backfill::store
