// The depth queries' variables and calls: one file names them, the parser
// (graphql_pull_parser.cpp) reads their replies.
#include <stdexcept>

#include "backfill/github/graphql_pulls.hpp"

#include "backfill/github/follow_up_query.hpp"

namespace backfill::github {
namespace {

GitHubError garbled_reply(const std::runtime_error& e) {
  return GitHubError(ErrorKind::kRetryable, 200, e.what());
}

nlohmann::json optional_json(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json pull_page_variables(const RepoName& repo, int first,
                                   const std::optional<std::string>& after, const DepthScope& scope,
                                   PullOrder order) {
  const bool oldest_first = order == PullOrder::kOldestFirst;
  // Only the count is wanted of a kind not asked for: one node is GitHub's
  // smallest page.
  return {{"owner", repo.owner},
          {"name", repo.name},
          {"first", first},
          {"after", optional_json(after)},
          {"orderBy",
           {{"field", oldest_first ? "CREATED_AT" : "UPDATED_AT"},
            {"direction", oldest_first ? "ASC" : "DESC"}}},
          {"reviews", scope.reviews ? kNestedChildren : 1},
          {"comments", scope.comments ? kNestedChildren : 1},
          {"withReviews", scope.reviews},
          {"withComments", scope.comments}};
}

nlohmann::json follow_up_variables(const std::vector<FollowUpSlot>& slots) {
  nlohmann::json variables = {{"first", kFollowUpChildren}};
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const std::string n = std::to_string(i);
    variables["id" + n] = slots[i].node_id;
    variables["reviewsAfter" + n] = optional_json(slots[i].reviews_after);
    variables["commentsAfter" + n] = optional_json(slots[i].comments_after);
    variables["withReviews" + n] = slots[i].reviews_after.has_value();
    variables["withComments" + n] = slots[i].comments_after.has_value();
  }
  return variables;
}

namespace {

GraphqlPullPage fetch_pulls_ordered(GraphqlClient& graphql, PullOrder order, const RepoName& repo,
                                    int first, const std::optional<std::string>& after,
                                    const DepthScope& scope) {
  const auto data =
      graphql.execute("pull_request_page", pull_page_variables(repo, first, after, scope, order));
  try {
    return parse_pull_page_data(data, scope);
  } catch (const std::runtime_error& e) {
    throw garbled_reply(e);
  }
}

}  // namespace

GraphqlPullPage fetch_pull_page(GraphqlClient& graphql, const RepoName& repo, int first,
                                const std::optional<std::string>& after, const DepthScope& scope) {
  return fetch_pulls_ordered(graphql, PullOrder::kOldestFirst, repo, first, after, scope);
}

GraphqlPullPage fetch_pull_updates(GraphqlClient& graphql, const RepoName& repo, int first,
                                   const std::optional<std::string>& after,
                                   const DepthScope& scope) {
  return fetch_pulls_ordered(graphql, PullOrder::kRecentlyUpdatedFirst, repo, first, after, scope);
}

std::vector<GraphqlChildren> fetch_follow_ups(GraphqlClient& graphql,
                                              const std::vector<FollowUpSlot>& slots) {
  const auto data = graphql.execute_text(follow_up_query(static_cast<int>(slots.size())),
                                         follow_up_variables(slots));
  try {
    return parse_follow_up_data(data, slots);
  } catch (const std::runtime_error& e) {
    throw garbled_reply(e);
  }
}

}  // namespace backfill::github
