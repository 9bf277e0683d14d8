#pragma once
// What a depth backfill (--with) needs from the database: its scope's
// progress (backfill_scopes, one row per repository and scope, apart from
// the list-only backfill_progress) and its writes. Both engines implement
// it; store::Store includes it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/pull_request_depth.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

// One depth chunk, written in ONE transaction: every author (PRs, merged_by,
// reviews, comments), the PRs with their details, their reviews and
// comments, the scope's cursor and counters, and the metrics row.
struct DeepChunkWrite {
  std::string repository_id;
  std::string scope;  // DepthScope::key()
  std::vector<DeepPullRequest> pulls;
  std::string cursor;  // GraphQL endCursor after the chunk's last PR
  std::string now;
  ChunkMetrics metrics;
  std::int64_t points = 0;  // GraphQL points the chunk cost
};

// Children of one heavy PR, written ahead of its chunk (idempotent upserts):
// the PR's row first (with its details), then the children and their authors.
struct PullChildrenWrite {
  std::string repository_id;
  DeepPullRequest pull;  // the PR, and a batch of its reviews/comments
  std::string now;
};

// A row of `status` for a depth scope.
struct ScopeSummary {
  std::string repository;  // "owner/name"
  std::string scope;
  std::int64_t total_processed = 0;
  std::optional<std::int64_t> total_expected;
  Status status = Status::kPending;
  std::optional<std::string> updated_at;
  std::optional<std::string> last_error;
  std::int64_t chunks = 0;
  std::int64_t points_used = 0;
};

class DepthStore {
 public:
  virtual ~DepthStore() = default;

  // The scope's progress (repository_id, cursor, counters, status ...), as
  // for the list scope; nullopt when the scope never ran.
  virtual std::optional<Progress> load_scope(const std::string& repository_id,
                                             const std::string& scope) = 0;
  // A run starts: the row is created if missing, status in_progress,
  // total_expected set; with `restart`, cursor and counters start over.
  virtual void begin_scope(const std::string& repository_id, const std::string& scope,
                           std::int64_t total_expected, bool restart, const std::string& now) = 0;
  // Returns the scope's new total_processed (PRs passed by its cursor).
  virtual std::int64_t upsert_deep_chunk(const DeepChunkWrite& chunk) = 0;
  virtual void upsert_pull_children(const PullChildrenWrite& children) = 0;
  // As ProgressStore::finish_run / complete_run, for the scope's row.
  virtual void finish_scope(const std::string& repository_id, const std::string& scope,
                            const RunEnd& end) = 0;
  virtual void complete_scope(const std::string& repository_id, const std::string& scope,
                              std::int64_t exact_total_expected, const std::string& now) = 0;
  // The --with list a tracked repository is scheduled with (`track --with`;
  // repositories.backfill_with): nullopt for list-only.
  virtual void set_backfill_with(const std::string& repository_id,
                                 const std::optional<std::string>& with) = 0;
  virtual std::optional<std::string> backfill_with(const std::string& repository_id) = 0;
  // Every depth scope (of `repo` only, when given), by repository and scope.
  virtual std::vector<ScopeSummary> scopes(const std::optional<RepoName>& repo) = 0;
};

}  // namespace backfill::store
