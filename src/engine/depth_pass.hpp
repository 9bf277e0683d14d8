#pragma once
// The depth pass of a backfill run (--with): GraphQL pages of pull requests,
// oldest first, one page per chunk, each committed with its details,
// reviews and comments and its cursor (the page's endCursor) in one
// transaction. A PR with more children than the page brought gets
// follow-up queries first; their pages are upserted ahead of the chunk
// (idempotent), one page of at most 100 at a time, so memory stays bounded
// whatever one PR holds, and the cursor never passes a PR whose children
// are not all stored. The next page is fetched while a chunk is written
// (engine/prefetch.hpp); its follow-ups wait for that write to end.
// BackfillRun (backfill_run.cpp) owns the run around it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "backfill/core/clock.hpp"
#include "backfill/core/depth_scope.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/graphql_client.hpp"
#include "backfill/store/depth_store.hpp"
#include "engine/stop_reason.hpp"

namespace backfill::engine {

struct DepthPassParams {
  RepoName repo;
  std::string repository_id;
  DepthScope scope;
  int chunk_ceiling = 50;
  std::int64_t min_remaining = 100;
  std::optional<std::string> cursor;  // the scope's stored endCursor; none: the first PR
  std::int64_t total_processed = 0;   // PRs the cursor has passed
  StopCheck stop_reason;              // checked before each page and prefetch
  // The metrics of the chunk about to be committed (BackfillRun's counters).
  std::function<store::ChunkMetrics(int prs)> metrics;
  // After each commit: PRs in the chunk, the scope's new total, the cursor.
  std::function<void(std::int64_t prs, std::int64_t total, const std::string& cursor)> committed;
};

struct DepthPassDeps {
  github::GraphqlClient& graphql;
  github::GitHubClient& client;  // for its GraphQL budget snapshot
  RequestRunner& runner;
  store::DepthStore& store;
  Clock& clock;
};

struct DepthPassEnd {
  bool completed = false;
  std::int64_t exact_total = 0;  // GitHub's totalCount at the last page (completed)
  PauseKind pause = PauseKind::kNone;
  std::string reason;
};

// The pass of `run` on the stored repository, from where the scope's stored
// progress left it (the first PR with --restart or none); callbacks unset.
DepthPassParams depth_pass_params(const RunParams& run, const RepoName& repo,
                                  const std::string& repository_id,
                                  const std::optional<store::Progress>& progress);

// Throws what the runner throws (GitHubError, PauseRequired, Cancelled) and
// the store's errors; BackfillRun records them.
DepthPassEnd run_depth_pass(const DepthPassParams& params, DepthPassDeps deps);

}  // namespace backfill::engine
