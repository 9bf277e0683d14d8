#pragma once
// What a refresh of a depth scope (engine/depth_refresh.hpp) needs from the
// database beyond RefreshStore: which of the PRs met are stored and as of
// which update, and one write per chunk that upserts the PRs met with their
// details and children and REPLACES each PR's reviews and conversation
// comments with the set GitHub has now (deletions included), with the
// scope's refresh_state row when the walk is over.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/pull_request_depth.hpp"
#include "backfill/store/records.hpp"
#include "backfill/store/refresh_store.hpp"

namespace backfill::store {

// The ids of one PR's children on GitHub now, every page of them: after
// the chunk's upserts, the PR's stored children of these kinds that are
// not listed are deleted. Inline review comments (comments.kind 'review')
// come from another stream and are never touched here.
struct ChildrenOnGitHub {
  std::int64_t pull_github_id = 0;
  std::optional<std::vector<std::int64_t>> reviews;   // nullopt: not in the scope, left alone
  std::optional<std::vector<std::int64_t>> comments;  // conversation comments (kind 'issue')
};

// ONE transaction: the PRs with their details and the children they carry
// (a heavy PR's were stored page by page before, and come without), the
// replacement of the children in `children`, the new PRs added to the list
// backfill's total_processed, and `finish` (written as given) when set.
struct DepthRefreshChunk {
  std::string repository_id;
  std::vector<DeepPullRequest> pulls;
  std::vector<ChildrenOnGitHub> children;
  std::int64_t inserted = 0;  // of `pulls`, how many were not stored before
  std::string now;            // ISO-8601 UTC
  std::optional<RefreshState> finish;
};

struct DepthRefreshWrite {
  std::int64_t reviews_deleted = 0;
  std::int64_t comments_deleted = 0;
};

// A completed depth scope of a tracked repository due for a refresh.
struct DepthRefreshDue {
  Repository repository;
  std::string scope;
  std::optional<std::string> refreshed_at;  // nullopt: never refreshed
};

class DepthRefreshStore {
 public:
  virtual ~DepthRefreshStore() = default;

  // The stored updated_at (ISO-8601 UTC) of those of the PRs that are stored.
  virtual std::map<std::int64_t, std::string> stored_updated_at(
      const std::vector<std::int64_t>& pull_github_ids) = 0;
  virtual DepthRefreshWrite write_depth_refresh_chunk(const DepthRefreshChunk& chunk) = 0;
  // Tracked repositories scheduled with a depth (repositories.backfill_with)
  // whose depth scopes are completed and were last refreshed (or, never
  // refreshed, completed) before `cutoff`: oldest first, then by name.
  // Every completed scope of such a repository is listed; the caller keeps
  // the one its backfill_with names.
  virtual std::vector<DepthRefreshDue> depth_refreshes_due(const std::string& cutoff) = 0;
};

}  // namespace backfill::store
