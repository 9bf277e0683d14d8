#pragma once
// The follow-ups of a PR with more reviews or comments than a GraphQL page
// brought (pull_request_children.graphql, 100 at a time), shared by the
// depth pass of a backfill (depth_pass.cpp) and the refresh of a depth
// scope (depth_refresh.cpp). Each page is upserted as it arrives
// (idempotent), so memory is one page whatever one PR holds.
#include <functional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/core/pull_request_depth.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/graphql_client.hpp"
#include "backfill/github/graphql_pulls.hpp"
#include "backfill/store/depth_store.hpp"

namespace backfill::engine {

struct FollowUpDeps {
  github::GraphqlClient& graphql;
  github::GitHubClient& client;  // for its GraphQL budget snapshot
  RequestRunner& runner;
  store::DepthStore& store;
  Clock& clock;
};

// The page did not bring all of the PR's reviews or comments.
bool needs_follow_ups(const github::GraphqlPull& pull);

// Stores the PR with what the page brought of its children, then page after
// page of the rest, and leaves pull.deep without children (all stored).
// `stored`, when set, sees each batch as it is stored, the page's first
// included (a refresh collects their ids). Returns false when the PR was
// gone (deleted meanwhile) before its last page: what came is stored, the
// rest is not known. Throws FatalError for follow-ups that do not come to
// an end, and what the runner throws.
bool store_with_follow_ups(github::GraphqlPull& pull, const std::string& repository_id,
                           FollowUpDeps deps,
                           const std::function<void(const DeepPullRequest&)>& stored = {});

}  // namespace backfill::engine
