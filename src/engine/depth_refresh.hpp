#pragma once
// The walk of a refresh of a depth scope (--with), inside RefreshRun
// (refresh_run.cpp), which owns the lock, the run record and how a walk
// ends (paused, failed).
//
// First the list refresh's free check: the REST listing sorted by update,
// conditional on the validators the scope's last refresh stored. GitHub
// moves a PR's updated_at when its reviews or comments change, so a 304
// means no PR and no child changed: the refresh ends there, one request,
// no point. Otherwise the GraphQL listing sorted by update, newest first
// (pull_request_page.graphql, by update), with the scope's children, down to the
// scope's watermark (engine/refresh_walk.hpp): each PR met is upserted
// with its details, and its reviews and conversation comments REPLACE the
// stored ones (those GitHub no longer has are deleted). A heavy PR gets
// the depth pass's follow-ups (child_follow_ups.hpp), each page upserted as
// it arrives while only the ids are kept; its deletions come after its last
// page, with the page's chunk, so nothing a later page brings is deleted.
// One GraphQL page is one transaction; the last carries the new watermark.
// With `comments`, each PR met has its inline review comments replaced too,
// from REST, before its page's transaction (review_comment_refresh.hpp).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/core/depth_scope.hpp"
#include "backfill/core/pull_request.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/client.hpp"
#include "backfill/github/graphql_client.hpp"
#include "backfill/github/graphql_pulls.hpp"
#include "backfill/store/store.hpp"
#include "engine/review_comment_refresh.hpp"

namespace backfill::engine {

struct DepthRefreshParams {
  RepoName repo;
  std::string repository_id;
  DepthScope scope;
  int chunk_ceiling = 50;
  std::int64_t min_remaining = 100;
  std::optional<std::string> old_watermark;  // none: walk every PR
  std::optional<store::RefreshState> state;  // the scope's last refresh, if any
  std::function<void()> stop_if_asked;       // throws to stop between pages
};

struct DepthRefreshDeps {
  github::GitHubClient& client;
  github::GraphqlClient& graphql;
  RequestRunner& runner;
  store::Store& store;
  Clock& clock;
};

struct DepthRefreshTally {
  bool not_modified = false;          // the REST check answered 304
  std::int64_t rest_requests = 0;     // of which GitHub counted all but a 304
  std::int64_t changed = 0;           // PRs new or with another updated_at
  std::int64_t inserted = 0;          // of which new to the database
  std::int64_t prs_written = 0;       // every PR met above the watermark
  std::int64_t reviews_written = 0;   // reviews of those PRs, as GitHub has them
  std::int64_t comments_written = 0;  // conversation comments of those PRs
  std::int64_t reviews_deleted = 0;   // stored, no longer on GitHub
  std::int64_t comments_deleted = 0;
  ReviewCommentRefreshTally review_comments;  // of those PRs, with `comments`
  std::int64_t chunks = 0;
};

// Throws what the runner throws, what stop_if_asked throws, and the
// store's errors; `tally` holds what was done up to then.
void run_depth_refresh(const DepthRefreshParams& params, DepthRefreshDeps deps,
                       DepthRefreshTally& tally);

// Pure: how the PRs met compare with the stored ones (by id: stored
// updated_at). A PR absent is new; one stored with another updated_at changed.
struct PullVersions {
  std::int64_t changed = 0;
  std::int64_t inserted = 0;
};
PullVersions compare_versions(const std::vector<PullRequest>& met,
                              const std::map<std::int64_t, std::string>& stored);

}  // namespace backfill::engine
