#pragma once
// In a refresh of a depth scope with `comments` (depth_refresh.cpp), the
// inline review comments of each PR the walk meets become exactly GitHub's:
// GET /repos/{o}/{r}/pulls/{n}/comments?per_page=100, every page (Link
// rel="next"). Each page is upserted as it arrives, in a transaction of its
// own, and only the ids are kept; the PR's stored review comments GitHub
// no longer lists are deleted with the LAST page, in its transaction, so
// nothing a later page brings is ever deleted and a refresh cut off midway
// deletes nothing (its watermark stays, so the next refresh comes back).
// Conversation comments (kind 'issue') are the GraphQL walk's and are never
// touched. A PR GitHub answers 404 for (deleted meanwhile) keeps what is
// stored, as the walk keeps a PR that vanished during its follow-ups.
#include <cstdint>
#include <functional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/client.hpp"
#include "backfill/store/stream_store.hpp"

namespace backfill::engine {

struct ReviewCommentRefreshDeps {
  github::GitHubClient& client;
  RequestRunner& runner;
  store::StreamStore& store;
  Clock& clock;
  // The refresh's own check (signal, time budget), made before each page
  // is asked for: a PR with thousands of review comments does not hold a
  // refresh past its budget. Throws to stop; none: no check.
  std::function<void()> stop_if_asked = {};
};

struct ReviewCommentRefreshTally {
  std::int64_t written = 0;   // review comments of the PRs met, as GitHub has them
  std::int64_t deleted = 0;   // stored, no longer on GitHub
  std::int64_t requests = 0;  // REST requests made (retries included): 1 point each
};

// Replaces PR `pull_number`'s stored review comments with GitHub's. Returns
// false when GitHub no longer has the PR (nothing deleted). Throws what the
// runner throws (GitHubError, PauseRequired, Cancelled), what stop_if_asked
// throws, a refused Link (PageTrail), and the store's errors; `tally` holds
// what was done (a stop between pages deletes nothing).
bool refresh_pull_review_comments(const RepoName& repo, const std::string& repository_id,
                                  std::int64_t pull_number, ReviewCommentRefreshDeps deps,
                                  ReviewCommentRefreshTally& tally);

}  // namespace backfill::engine
