// GraphqlClient: the request it sends, and how it reads GitHub's GraphQL
// replies (HTTP 200 with `errors` for most failures).
#include <gtest/gtest.h>

#include "backfill/github/graphql_client.hpp"
#include "support/scripted_graphql.hpp"
#include "support/scripted_transport.hpp"

namespace backfill::testing {
namespace {

using github::ErrorKind;
using github::GitHubError;
using nlohmann::json;

const ScriptedGraphql kGitHub;  // for its reply headers

github::HttpResponse graphql_reply(long status, const json& body) {
  return kGitHub.reply(status, body);
}

GitHubError error_of(const github::HttpResponse& response) {
  try {
    github::graphql_data_or_throw(response);
  } catch (const GitHubError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << response.body;
  return GitHubError(ErrorKind::kClientError, 0, "none");
}

TEST(GraphqlUrl, IsDerivedFromTheApiUrl) {
  EXPECT_EQ(github::graphql_url_for("https://api.github.com"), "https://api.github.com/graphql");
  EXPECT_EQ(github::graphql_url_for("https://ghe.example.com/api/v3"),
            "https://ghe.example.com/api/graphql");
  EXPECT_EQ(github::graphql_url_for("https://ghe.example.com/api/v3/"),
            "https://ghe.example.com/api/graphql");
  EXPECT_EQ(github::graphql_url_for("http://127.0.0.1:8080"), "http://127.0.0.1:8080/graphql");
}

TEST(GraphqlClient, PostsTheEmbeddedQueryWithItsVariablesAndTheToken) {
  ScriptedTransport transport;
  transport.enqueue(graphql_reply(
      200, {{"data", {{"rateLimit", {{"cost", 3}, {"remaining", 4990}}}, {"x", 1}}}}));
  github::GitHubClient client({"https://api.github.test", "ghp_tok", "ua"}, transport);
  github::GraphqlClient graphql(client, "https://api.github.test/graphql");
  const json data = graphql.execute("pull_request_page", {{"owner", "o"}});
  EXPECT_EQ(data.at("x"), 1);
  EXPECT_EQ(graphql.last_cost().cost, 3);
  EXPECT_EQ(graphql.points_used(), 3);
  const auto request = transport.requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://api.github.test/graphql");
  EXPECT_EQ(request_header(request, "Authorization"), "Bearer ghp_tok");
  const json body = json::parse(request.body);
  EXPECT_NE(body.at("query").get<std::string>().find("query PullRequestPage("), std::string::npos);
  EXPECT_EQ(body.at("variables").at("owner"), "o");
  // GraphQL's budget is kept apart from REST's.
  EXPECT_EQ(client.last_graphql_rate_limit().remaining, 4900);
  EXPECT_FALSE(client.last_rate_limit().known());
}

TEST(GraphqlClient, AnotherOriginThanTheAllowedOnesIsRefusedBeforeSending) {
  ScriptedTransport transport;
  github::GitHubClient client({"https://api.github.test", "ghp_tok", "ua"}, transport);
  github::GraphqlClient graphql(client, "https://elsewhere.test/graphql");
  try {
    graphql.execute("pull_request_page", json::object());
    FAIL();
  } catch (const GitHubError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRefused);
  }
  EXPECT_EQ(transport.request_count(), 0u);
}

TEST(GraphqlReplies, RepositoryNotFoundIsNotRetried) {
  const auto e = error_of(graphql_reply(
      200, graphql_error_body("NOT_FOUND", "Could not resolve to a Repository", "repository")));
  EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
}

TEST(GraphqlReplies, RateLimitedWithNoPointsLeftWaitsForTheReset) {
  auto reply = graphql_reply(200, graphql_error_body("RATE_LIMITED", "API rate limit exceeded"));
  reply.headers = {};
  reply.headers.add("x-ratelimit-remaining", "0");
  reply.headers.add("x-ratelimit-reset", "1700000600");
  reply.headers.add("x-ratelimit-resource", "graphql");
  const auto e = error_of(reply);
  EXPECT_EQ(e.kind(), ErrorKind::kRateLimited);
  EXPECT_FALSE(e.secondary_limit());
  EXPECT_EQ(e.rate().reset_epoch, 1700000600);
}

TEST(GraphqlReplies, RateLimitedWithPointsLeftIsTheSecondaryLimit) {
  auto reply = graphql_reply(200, graphql_error_body("RATE_LIMITED", "secondary rate limit"));
  reply.headers.add("retry-after", "60");
  const auto e = error_of(reply);
  EXPECT_EQ(e.kind(), ErrorKind::kRateLimited);
  EXPECT_TRUE(e.secondary_limit());
  EXPECT_EQ(e.retry_after_seconds(), 60);
}

TEST(GraphqlReplies, HeavyQueriesAskForASmallerPage) {
  for (const auto& reply :
       {graphql_reply(200, graphql_error_body("RESOURCE_LIMITS_EXCEEDED", "limits")),
        graphql_reply(200, graphql_error_body("MAX_NODE_LIMIT_EXCEEDED", "too many nodes")),
        graphql_reply(200, graphql_error_body("",
                                              "Something went wrong while executing your "
                                              "query. This may be the result of a timeout")),
        graphql_reply(502, {{"message", "Server Error"}}),
        graphql_reply(504, {{"message", "We couldn't respond to your request in time."}})}) {
    try {
      github::graphql_data_or_throw(reply);
      ADD_FAILURE() << reply.body;
    } catch (const github::HeavyQueryError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kRetryable);
    }
  }
}

TEST(GraphqlReplies, PartialDataWithErrorsIsNotData) {
  json body = {{"data", {{"repository", {{"pullRequests", {{"nodes", json::array()}}}}}}},
               {"errors", json::array({{{"type", "SERVICE_UNAVAILABLE"},
                                        {"message", "try again"},
                                        {"path", {"repository", "pullRequests"}}}})}};
  const auto e = error_of(graphql_reply(200, body));
  EXPECT_EQ(e.kind(), ErrorKind::kRetryable);
  EXPECT_NE(std::string(e.what()).find("try again"), std::string::npos);
}

TEST(GraphqlReplies, AFollowUpSlotOfADeletedPullRequestIsData) {
  // GitHub's reply to node(id:) for an id gone: null at the slot's alias.
  json body = {{"data", {{"pull0", {{"id", "PR_1"}}}, {"pull1", nullptr}}},
               {"errors", json::array({{{"type", "NOT_FOUND"},
                                        {"message", "Could not resolve to a node"},
                                        {"path", {"pull1"}}}})}};
  const auto data = github::graphql_data_or_throw(graphql_reply(200, body));
  EXPECT_TRUE(data.at("pull1").is_null());
  EXPECT_EQ(data.at("pull0").at("id"), "PR_1");
}

TEST(GraphqlReplies, NotFoundElsewhereThanASlotIsNotData) {
  for (const char* where : {"pullRequest", "pull", "pullx1", "nodes"}) {
    json body = {
        {"data", {{where, nullptr}}},
        {"errors",
         json::array(
             {{{"type", "NOT_FOUND"}, {"message", "Could not resolve"}, {"path", {where}}}})}};
    EXPECT_EQ(error_of(graphql_reply(200, body)).kind(), ErrorKind::kRetryable) << where;
  }
}

TEST(GraphqlReplies, BadCredentialsAndGarbledBodies) {
  EXPECT_EQ(error_of(graphql_reply(401, {{"message", "Bad credentials"}})).kind(),
            ErrorKind::kUnauthorized);
  auto garbled = graphql_reply(200, json::object());
  garbled.body = "<html>";
  EXPECT_EQ(error_of(garbled).kind(), ErrorKind::kRetryable);
  EXPECT_EQ(error_of(graphql_reply(200, {{"data", nullptr}})).kind(), ErrorKind::kRetryable);
}

}  // namespace
}  // namespace backfill::testing
