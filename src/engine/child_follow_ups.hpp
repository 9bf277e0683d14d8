#pragma once
// The follow-ups of PRs with more reviews or comments than a GraphQL page
// brought, shared by the depth pass of a backfill (depth_pass.cpp) and the
// refresh of a depth scope (depth_refresh.cpp). The PRs of one page go
// together: each round is ONE query with a slot per PR still having more
// (engine/follow_up_rounds.hpp), 100 of each kind per slot, 1 point however
// many slots. Each page of a PR is upserted as it arrives (idempotent), so
// memory is one page per slot whatever one PR holds.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

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

// Stores each of `pulls` (each needing follow-ups) with what the page
// brought of its children, then round after round of the rest, and leaves
// each pull.deep without children (all stored). `stored`, when set, sees
// each batch as it is stored with the index of its PR in `pulls`, the
// page's first included (a refresh collects their ids). Returns, per PR,
// whether it was stored whole: false when it was gone (deleted meanwhile)
// before its last page, so what came is stored and the rest is not known.
// Throws FatalError for a PR whose follow-ups do not come to an end, and
// what the runner throws (one runner call per round).
std::vector<bool> store_with_follow_ups(
    const std::vector<github::GraphqlPull*>& pulls, const std::string& repository_id,
    FollowUpDeps deps, const std::function<void(std::size_t, const DeepPullRequest&)>& stored = {});

}  // namespace backfill::engine
