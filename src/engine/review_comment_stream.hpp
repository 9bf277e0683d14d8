#pragma once
// The review comment stream of a depth scope with `comments` (--with): the
// repository-wide listing GET /repos/{o}/{r}/pulls/comments, 100 inline
// review comments per request, walked after the scope's PR pass. Each page
// is committed with the stream's cursor (its page number and largest id) in
// one transaction. GitHub lists by id ascending, so new comments come at the
// end; a deleted one shifts later pages back by one, so a resume refetches
// the last committed page (an overlap; upserts keyed by (kind, github_id)
// make it harmless) and steps back further while that page starts past the
// last stored id. Comments whose PR is not stored are kept with its number
// and linked when it arrives. BackfillRun (backfill_run.cpp) owns the run.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/client.hpp"
#include "backfill/store/stream_store.hpp"
#include "engine/depth_pass.hpp"

namespace backfill::engine {

struct ReviewCommentStreamParams {
  RepoName repo;
  store::StreamKey key;
  std::optional<store::StreamProgress> progress;  // where the stream stands; none: page 1
  StopCheck stop_reason;                          // checked before each page
  // The metrics of the page about to be committed (BackfillRun's counters).
  std::function<store::ChunkMetrics(int comments)> metrics;
  std::function<void()> committed;  // after each page's commit
};

struct ReviewCommentStreamDeps {
  github::GitHubClient& client;
  RequestRunner& runner;
  store::StreamStore& store;
  Clock& clock;
};

struct ReviewCommentStreamEnd {
  bool ended = false;  // the listing's end was reached and committed
  PauseKind pause = PauseKind::kNone;
  std::string reason;
};

// Where a resume starts: the last committed page (page 1 when none), one
// page back when it no longer holds the last stored id (comments deleted
// meanwhile) or came back empty. Pure.
long review_comment_resume_page(const std::optional<store::StreamProgress>& progress);
// Ids are GitHub's (positive): `last_stored_id` 0 when none was stored,
// `first_id_on_page` 0 when the page came back empty.
bool review_comment_page_is_behind(long page, std::int64_t last_stored_id,
                                   std::int64_t first_id_on_page);

// Throws what the runner throws (GitHubError, PauseRequired, Cancelled) and
// the store's errors; BackfillRun records them.
ReviewCommentStreamEnd run_review_comment_stream(const ReviewCommentStreamParams& params,
                                                 ReviewCommentStreamDeps deps);

}  // namespace backfill::engine
