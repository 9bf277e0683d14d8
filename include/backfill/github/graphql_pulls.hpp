#pragma once
// The depth queries (src/github/graphql/pull_request_page.graphql and the
// follow-ups generated from pull_request_children.graphql): their
// variables, and their `data` parsed into the domain model
// (core/pull_request_depth.hpp). Parsing throws std::runtime_error for a
// shape GitHub does not send (the caller retries it as a garbled reply);
// nothing is half-parsed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backfill/core/depth_scope.hpp"
#include "backfill/core/pull_request_depth.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/github/graphql_client.hpp"

namespace backfill::github {

// GitHub prices a query by the connections it may have to fetch, not by
// their sizes: the page query is 1 (pullRequests) + 3 per PR (commits,
// comments, reviews) requests, divided by 100 and rounded. Up to 49 PRs
// cost 1 point, 50 cost 2: a page is never larger than kCheapestPage. And
// since 100 children per PR cost no more than 50, each PR brings the most
// GitHub allows, which spares follow-ups.
inline constexpr int kCheapestPage = 49;
// Children per PR in the page query, and per slot of a follow-up query.
inline constexpr int kNestedChildren = 100;
inline constexpr int kFollowUpChildren = 100;

// Where one PR's reviews or comments stand after a reply.
struct ChildConnection {
  std::int64_t total = 0;
  bool has_next = false;
  std::optional<std::string> end_cursor;
};

struct GraphqlPull {
  DeepPullRequest deep;
  std::string node_id;  // GraphQL id (REST node_id), for follow-ups
  ChildConnection reviews;
  ChildConnection comments;
};

struct GraphqlPullPage {
  std::int64_t total_count = 0;  // the repository's PRs now
  bool has_next = false;
  std::optional<std::string> end_cursor;
  std::vector<GraphqlPull> pulls;
};

struct GraphqlChildren {
  bool found = false;  // false: the PR is gone (deleted since the page)
  ChildConnection reviews;
  ChildConnection comments;
  std::vector<Review> review_items;
  std::vector<Comment> comment_items;
};

// The orders pull_request_page.graphql is asked in.
enum class PullOrder {
  kOldestFirst,           // a backfill's pass: new PRs come at the end
  kRecentlyUpdatedFirst,  // a refresh's walk, down to its watermark
};

// One PR's slot in a follow-up query: the next page of reviews when
// reviews_after is set, of comments when comments_after is.
struct FollowUpSlot {
  std::string node_id;
  std::optional<std::string> reviews_after;
  std::optional<std::string> comments_after;
};

nlohmann::json pull_page_variables(const RepoName& repo, int first,
                                   const std::optional<std::string>& after, const DepthScope& scope,
                                   PullOrder order = PullOrder::kOldestFirst);
// The variables of follow_up_query(slots.size()): each slot's own id,
// cursors and @include flags.
nlohmann::json follow_up_variables(const std::vector<FollowUpSlot>& slots);

GraphqlPullPage parse_pull_page_data(const nlohmann::json& data, const DepthScope& scope);
// One reply per slot, in the slots' order.
std::vector<GraphqlChildren> parse_follow_up_data(const nlohmann::json& data,
                                                  const std::vector<FollowUpSlot>& slots);

// execute() and parse, garbled shapes as retryable GitHubErrors.
GraphqlPullPage fetch_pull_page(GraphqlClient& graphql, const RepoName& repo, int first,
                                const std::optional<std::string>& after, const DepthScope& scope);
// The same page, most recently updated first: a refresh's walk.
GraphqlPullPage fetch_pull_updates(GraphqlClient& graphql, const RepoName& repo, int first,
                                   const std::optional<std::string>& after,
                                   const DepthScope& scope);
// The next page of each slot's PR in ONE query (1 to kFollowUpSlots slots,
// github/follow_up_query.hpp), one reply per slot in order.
std::vector<GraphqlChildren> fetch_follow_ups(GraphqlClient& graphql,
                                              const std::vector<FollowUpSlot>& slots);

}  // namespace backfill::github
