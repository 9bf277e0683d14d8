#pragma once
// The list pass of a backfill run without --with: the REST listing
// GET /pulls?state=all&sort=created&direction=asc, 100 a page, cut into
// chunks of the governor's size, each committed with its cursor (page,
// index, number and created_at of its last PR) in one transaction. A resume
// re-fetches the page holding the last stored PR and steps back while
// deletions moved it earlier (engine/cursor.hpp). The next page is fetched
// while a page's last chunk is written (engine/prefetch.hpp). BackfillRun
// (backfill_run.cpp) owns the run around it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "backfill/core/repo_name.hpp"
#include "backfill/engine/cursor.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/client.hpp"
#include "backfill/store/backfill_store.hpp"
#include "engine/stop_reason.hpp"

namespace backfill::engine {

struct ListPassParams {
  RepoName repo;
  std::string repository_id;
  std::optional<Cursor> cursor;             // the stored cursor; none: page 1
  std::int64_t total_expected = 0;          // GitHub's count, for pacing
  std::int64_t total_processed = 0;         // PRs stored before this pass
  StopCheck stop_reason;                    // checked before each chunk and prefetch
  std::function<std::size_t()> chunk_size;  // the next chunk's size (the governor's)
  // The metrics of the chunk about to be handed to the store.
  std::function<store::ChunkMetrics(int prs)> metrics;
  std::function<void()> writing;  // a chunk is being written
  // After each commit: PRs in the chunk, PRs stored now, the chunk's cursor.
  std::function<void(std::int64_t prs, std::int64_t total, const Cursor& cursor)> committed;
};

struct ListPassDeps {
  github::GitHubClient& client;
  RequestRunner& runner;
  store::BackfillStore& store;
  Clock& clock;
};

struct ListPassEnd {
  bool completed = false;
  std::int64_t exact_total = 0;  // GitHub's exact count at the listing's end (completed)
  PauseKind pause = PauseKind::kNone;
  std::string reason;
};

// Throws what the runner throws (GitHubError, PauseRequired, Cancelled) and
// the store's errors; BackfillRun records them.
ListPassEnd run_list_pass(const ListPassParams& params, ListPassDeps deps);

}  // namespace backfill::engine
