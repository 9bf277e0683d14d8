// The standalone executable's depth and GraphQL flags, as the benchmark and
// manual runs use them.
#include <gtest/gtest.h>

#include "fake_github/executable_child.hpp"
#include "fake_github/graphql_client.hpp"

namespace fake_github {
namespace {

using testing_child::Child;
using tiny_http::post_graphql;

constexpr const char* kCount = R"(query { repository(owner: "octo", name: "one") {
  pullRequest(number: 2) { comments(first: 100) { totalCount } reviews(first: 1) { totalCount } } } })";

TEST(GraphqlExecutable, ServesDepthSetOnTheCommandLineAndFaultsHeavyQueries) {
  Child child({"--repo", "octo/one:3", "--graphql", "--pull-children", "octo/one#2=120,7,0",
               "--graphql-heavy-first", "50", "--graphql-heavy-status", "504"});
  ASSERT_GT(child.pid, 0);
  if (!child.base.empty()) {
    const auto heavy = post_graphql(child.base, "ghp_any", kCount);
    EXPECT_EQ(heavy.status, 504) << heavy.body;
    const auto light =
        post_graphql(child.base, "ghp_any", R"(query { repository(owner: "octo", name: "one") {
      pullRequest(number: 2) { comments(first: 50) { totalCount } reviews(first: 1) { totalCount } } } })");
    ASSERT_EQ(light.status, 200) << light.body;
    const auto pull = light.json()["data"]["repository"]["pullRequest"];
    EXPECT_EQ(pull["comments"]["totalCount"], 120);
    EXPECT_EQ(pull["reviews"]["totalCount"], 7);
    EXPECT_EQ(tiny_http::get(child.base, "/repos/octo/one/pulls/2/reviews").json().size(), 7u);
  }
  const int status = child.stop();
  ASSERT_FALSE(child.base.empty()) << "the executable printed no base URL";
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(GraphqlExecutable, InjectsGraphqlFaultsAtTheShareItIsGiven) {
  Child child({"--repo", "octo/one:3", "--graphql", "--graphql-fault-share", "1",
               "--graphql-faults", "resource-limits"});
  ASSERT_GT(child.pid, 0);
  if (!child.base.empty()) {
    const auto reply = post_graphql(child.base, "ghp_any", kCount);
    EXPECT_EQ(reply.json()["errors"][0]["type"], "RESOURCE_LIMITS_EXCEEDED") << reply.body;
  }
  child.stop();
  ASSERT_FALSE(child.base.empty());
}

TEST(GraphqlExecutable, RefusesAnUnknownGraphqlFault) {
  Child child({"--repo", "octo/one:3", "--graphql", "--graphql-faults", "teapot"});
  ASSERT_GT(child.pid, 0);
  EXPECT_TRUE(child.base.empty());
  const int status = child.wait();
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

}  // namespace
}  // namespace fake_github
