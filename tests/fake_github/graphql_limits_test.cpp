// GitHub's GraphQL limits and error shapes: cost by the documented formula,
// a points budget apart from REST's core, the 401s, NOT_FOUND, schema and
// node-limit refusals, and every injected fault.
#include <gtest/gtest.h>

#include "fake_github/fake_github.hpp"
#include "fake_github/graphql_client.hpp"
#include "fake_github/graphql_faults.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;
using tiny_http::post_graphql;

constexpr const char* kToken = "ghp_graphqlLimitsTest";
constexpr const char* kSmall = R"(query { rateLimit { cost remaining used limit nodeCount }
  repository(owner: "acme", name: "widgets") { pullRequests(first: 5) { nodes { number } } } })";

class GraphqlLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    server.add_repository("acme/widgets", 40);
    server.set_valid_token(kToken);
    server.set_clock([this] { return now; });
    server.enable_graphql();
    base = server.start();
  }

  json depth_variables(int first, int children) {
    return {{"owner", "acme"}, {"name", "widgets"}, {"first", first}, {"children", children}};
  }

  std::int64_t now = 1'800'000'000;
  FakeGitHub server;
  std::string base;
};

TEST_F(GraphqlLimits, CostFollowsGitHubsFormulaAndSpendsAGraphqlBudgetApartFromCore) {
  // One connection: 1 request, rounded to 0, at least 1.
  auto reply = post_graphql(base, kToken, kSmall);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-ratelimit-resource"), "graphql");
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["cost"], 1);
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["remaining"], 4999);
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["nodeCount"], 5);
  EXPECT_EQ(reply.header("x-ratelimit-remaining"), "4999");
  EXPECT_EQ(reply.header("x-ratelimit-used"), "1");

  // 100 PRs, each with commits, comments(100), reviews(100) and
  // reviewThreads(10) of comments(10): 1 + 4 x 100 + 100 x 10 = 1,401
  // requests -> 14 points; 100 + 3 x 100 x 100 + 100 x 10 + 100 x 10 x 10 nodes.
  const std::string depth = tiny_http::graphql_fixture("depth-example.graphql");
  reply = post_graphql(base, kToken, depth, depth_variables(100, 100));
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 500);
  const json rate = reply.json()["data"]["rateLimit"];
  EXPECT_EQ(rate["cost"], 14);
  EXPECT_EQ(rate["nodeCount"], 100 + 2 * 100 * 100 + 100 * 10 + 100 * 10 * 10);
  EXPECT_EQ(rate["remaining"], 4999 - 14);
  EXPECT_EQ(reply.header("x-ratelimit-remaining"), std::to_string(4999 - 14));

  // Variables change the cost: 10 PRs -> 1 + 40 + 100 = 141 requests -> 1.
  reply = post_graphql(base, kToken, depth, depth_variables(10, 100));
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["cost"], 1);

  // REST's core budget is untouched, and /rate_limit reports both.
  const auto rest = get(base, "/repos/acme/widgets", std::string("bearer ") + kToken);
  EXPECT_EQ(rest.header("x-ratelimit-resource"), "core");
  EXPECT_EQ(rest.header("x-ratelimit-remaining"), "4999");
  const json limits = get(base, "/rate_limit", std::string("bearer ") + kToken).json();
  EXPECT_EQ(limits["resources"]["graphql"]["used"], 1 + 14 + 1);
  EXPECT_EQ(limits["resources"]["core"]["used"], 1);
}

// Aliases are separate connections for GitHub's formula (the follow-up
// query has one aliased slot per PR): 149 aliased connections are 149
// requests, 1 point; 150 are 2.
TEST_F(GraphqlLimits, EachAliasedConnectionCountsInTheCost) {
  const auto aliased = [](int count) {
    std::string query =
        "query { rateLimit { cost nodeCount }\n"
        "  repository(owner: \"acme\", name: \"widgets\") {\n";
    for (int i = 0; i < count; ++i) {
      query += "    p" + std::to_string(i) + ": pullRequests(first: 1) { nodes { number } }\n";
    }
    return query + "  }\n}\n";
  };
  auto reply = post_graphql(base, kToken, aliased(149));
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 500);
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["cost"], 1);
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["nodeCount"], 149);
  reply = post_graphql(base, kToken, aliased(150));
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 500);
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["cost"], 2);
  EXPECT_EQ(reply.json()["data"]["repository"]["p149"]["nodes"][0]["number"], 1);
}

TEST_F(GraphqlLimits, RunningOutAnswersRateLimitedUntilTheReset) {
  server.set_graphql_rate_limit(5000, 3, now + 600);
  auto reply = post_graphql(base, kToken, kSmall);
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["remaining"], 2);
  const std::string depth = tiny_http::graphql_fixture("depth-example.graphql");
  reply = post_graphql(base, kToken, depth, depth_variables(100, 100));  // costs 14 > 2
  ASSERT_EQ(reply.status, 200);
  const json body = reply.json();
  EXPECT_TRUE(body["data"].is_null());
  EXPECT_EQ(body["errors"][0]["type"], "RATE_LIMITED");
  EXPECT_EQ(reply.header("x-ratelimit-remaining"), "2");
  now += 600;
  reply = post_graphql(base, kToken, depth, depth_variables(100, 100));
  EXPECT_EQ(reply.json()["data"]["rateLimit"]["remaining"], 5000 - 14);
}

TEST_F(GraphqlLimits, CredentialsAreCheckedLikeGitHub) {
  auto reply = post_graphql(base, "ghp_wrong", kSmall);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.json(), (json{{"message", "Bad credentials"},
                                {"documentation_url", "https://docs.github.com/graphql"}}));
  reply = post_graphql(base, "", kSmall);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.json()["message"], "This endpoint requires you to be authenticated.");
}

TEST_F(GraphqlLimits, UnknownRepositoryIsNotFoundWithNullData) {
  const auto reply = post_graphql(
      base, kToken,
      R"(query { repository(owner: "acme", name: "nope") { pullRequests(first: 1) { totalCount } } })");
  ASSERT_EQ(reply.status, 200);
  const json body = reply.json();
  EXPECT_TRUE(body["data"]["repository"].is_null());
  EXPECT_EQ(body["errors"][0]["type"], "NOT_FOUND");
  EXPECT_EQ(body["errors"][0]["path"], json::array({"repository"}));
  EXPECT_EQ(body["errors"][0]["message"],
            "Could not resolve to a Repository with the name 'acme/nope'.");
  EXPECT_TRUE(body["errors"][0].contains("locations"));
}

TEST_F(GraphqlLimits, RefusesWhatGitHubRefusesWithoutCharging) {
  auto reply = post_graphql(base, kToken, R"(query { repository(owner: "acme", name: "widgets") {
      pullRequests(first: 1) { nodes { titel } } } })");
  ASSERT_EQ(reply.status, 200);
  json error = reply.json()["errors"][0];
  EXPECT_EQ(error["message"], "Field 'titel' doesn't exist on type 'PullRequest'");
  EXPECT_EQ(error["extensions"]["code"], "undefinedField");
  EXPECT_FALSE(reply.json().contains("data"));

  reply = post_graphql(base, kToken, R"(query { repository(owner: "acme", name: "widgets") {
      pullRequests(first: 1) { nodes { comments { nodes { body } } } } } })");
  EXPECT_EQ(reply.json()["errors"][0]["type"], "MISSING_PAGINATION_BOUNDARIES");

  reply = post_graphql(base, kToken, tiny_http::graphql_fixture("invalid/too-many-nodes.graphql"));
  error = reply.json()["errors"][0];
  EXPECT_EQ(error["type"], "MAX_NODE_LIMIT_EXCEEDED");
  EXPECT_EQ(error["message"],
            "This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of "
            "500,000.");
  EXPECT_EQ(reply.header("x-ratelimit-remaining"), "5000");
}

TEST_F(GraphqlLimits, InjectedFaultsHaveGitHubsShapes) {
  using F = GraphqlFault;
  server.set_graphql_fault_policy(std::make_shared<ScriptedGraphqlFaults>(
      std::map<std::size_t, F>{{1, F::kNotFound},
                               {2, F::kResourceLimitsExceeded},
                               {3, F::kMaxNodeLimitExceeded},
                               {4, F::kPartialData},
                               {5, F::kBadGateway502},
                               {6, F::kGatewayTimeout504},
                               {7, F::kSecondaryLimit403},
                               {8, F::kRateLimited}}));
  const std::string depth = tiny_http::graphql_fixture("depth-example.graphql");
  const json variables = depth_variables(3, 5);

  json body = post_graphql(base, kToken, depth, variables).json();
  EXPECT_TRUE(body["data"]["repository"].is_null());
  EXPECT_EQ(body["errors"][0]["type"], "NOT_FOUND");

  body = post_graphql(base, kToken, depth, variables).json();
  EXPECT_TRUE(body["data"].is_null());
  EXPECT_EQ(body["errors"][0]["type"], "RESOURCE_LIMITS_EXCEEDED");

  body = post_graphql(base, kToken, depth, variables).json();
  EXPECT_EQ(body["errors"][0]["type"], "MAX_NODE_LIMIT_EXCEEDED");

  body = post_graphql(base, kToken, depth, variables).json();
  const json pulls = body["data"]["repository"]["pullRequests"]["nodes"];
  ASSERT_EQ(pulls.size(), 3u);
  EXPECT_TRUE(pulls[0]["reviews"].is_null());
  EXPECT_FALSE(pulls[1]["reviews"].is_null());
  EXPECT_EQ(body["errors"][0]["path"],
            json::array({"repository", "pullRequests", "nodes", 0, "reviews"}));

  auto reply = post_graphql(base, kToken, depth, variables);
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(reply.json()["errors"][0]["message"].get<std::string>().rfind(
                "Something went wrong while executing your query.", 0),
            0u);
  EXPECT_EQ(reply.header("x-ratelimit-resource"), "graphql");

  reply = post_graphql(base, kToken, depth, variables);
  EXPECT_EQ(reply.status, 504);

  reply = post_graphql(base, kToken, depth, variables);
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.header("retry-after"), "60");
  EXPECT_EQ(reply.json()["message"].get<std::string>().rfind(
                "You have exceeded a secondary rate limit.", 0),
            0u);

  reply = post_graphql(base, kToken, depth, variables);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json()["errors"][0]["type"], "RATE_LIMITED");
  EXPECT_TRUE(reply.json()["data"].is_null());
  EXPECT_EQ(reply.header("x-ratelimit-remaining"), "0");
  // Running out is real: the next query is refused too.
  EXPECT_EQ(post_graphql(base, kToken, kSmall).json()["errors"][0]["type"], "RATE_LIMITED");
}

TEST_F(GraphqlLimits, HeavyQueriesTimeOutAndLightOnesPass) {
  server.set_graphql_fault_policy(
      std::make_shared<HeavyQueryFaults>(50, GraphqlFault::kBadGateway502));
  const std::string depth = tiny_http::graphql_fixture("depth-example.graphql");
  EXPECT_EQ(post_graphql(base, kToken, depth, depth_variables(100, 10)).status, 502);
  EXPECT_EQ(post_graphql(base, kToken, depth, depth_variables(50, 10)).status, 200);
}

TEST_F(GraphqlLimits, SecondaryLimitCountsPointsPerMinute) {
  server.set_graphql_secondary_limit(3);  // GitHub's is 2,000; a query is 1 point
  for (int i = 0; i < 3; ++i) EXPECT_EQ(post_graphql(base, kToken, kSmall).status, 200);
  const auto refused = post_graphql(base, kToken, kSmall);
  EXPECT_EQ(refused.status, 403);
  EXPECT_FALSE(refused.header("retry-after").empty());
  now += 60;
  EXPECT_EQ(post_graphql(base, kToken, kSmall).status, 200);
}

}  // namespace
}  // namespace fake_github
