// Starting the fake with GraphQL: without the tools it fails saying how to
// get them; without enable_graphql, /graphql is the REST API's 404.
#include <gtest/gtest.h>

#include "fake_github/fake_github.hpp"
#include "fake_github/graphql_client.hpp"

namespace fake_github {
namespace {

TEST(GraphqlSetup, MissingToolsFailTheStartSayingHowToInstallThem) {
  FakeGitHub server;
  server.add_repository("acme/widgets", 1);
  server.enable_graphql("/nonexistent/node_modules");
  try {
    server.start();
    FAIL() << "started without graphql-js";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("scripts/graphql-tools.sh --install"),
              std::string::npos)
        << error.what();
  }
}

TEST(GraphqlSetup, WithoutGraphqlThePathIsNotFound) {
  FakeGitHub server;
  server.add_repository("acme/widgets", 1);
  const std::string base = server.start();
  const auto reply = tiny_http::post_graphql(base, "ghp_any", "query { viewer { login } }");
  EXPECT_EQ(reply.status, 404);
}

TEST(GraphqlSetup, EnabledAfterStartServesAtOnce) {
  FakeGitHub server;
  server.add_repository("acme/widgets", 2);
  const std::string base = server.start();
  server.enable_graphql();
  const auto reply = tiny_http::post_graphql(
      base, "ghp_any",
      R"(query { repository(owner: "acme", name: "widgets") { pullRequests(first: 5) { totalCount } } })");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["data"]["repository"]["pullRequests"]["totalCount"], 2);
}

}  // namespace
}  // namespace fake_github
