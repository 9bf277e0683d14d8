// GraphQL serves the same pull requests and children as REST, and pages
// through them with GitHub's cursors to the end.
#include <gtest/gtest.h>

#include <set>

#include "fake_github/fake_github.hpp"
#include "fake_github/graphql_client.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;
using tiny_http::post_graphql;

constexpr const char* kToken = "ghp_graphqlDataTest";
constexpr const char* kRepo = "acme/widgets";

constexpr const char* kPullsPage = R"(
query($after: String) {
  repository(owner: "acme", name: "widgets") {
    pullRequests(first: 100, after: $after, orderBy: {field: CREATED_AT, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id fullDatabaseId number title state isDraft mergedAt author { login } }
    }
  }
})";

constexpr const char* kCommentsPage = R"(
query($id: ID!, $after: String) {
  node(id: $id) {
    ... on PullRequest {
      comments(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { fullDatabaseId id body }
      }
    }
  }
})";

class GraphqlData : public ::testing::Test {
 protected:
  void SetUp() override {
    server.add_repository(kRepo, 230);
    server.set_valid_token(kToken);
    server.enable_graphql();
    base = server.start();
  }

  json rest_pulls() {
    json all = json::array();
    for (int page = 1; page <= 3; ++page) {
      const auto reply =
          get(base,
              "/repos/acme/widgets/pulls?state=all&direction=asc&per_page=100&page=" +
                  std::to_string(page),
              std::string("bearer ") + kToken);
      EXPECT_EQ(reply.status, 200);
      for (const auto& pull : reply.json()) all.push_back(pull);
    }
    return all;
  }

  // Every comment of PR `number` through GraphQL, following cursors.
  std::vector<json> graphql_comments(std::int64_t number, int& pages) {
    const std::string id =
        "PR_kwDO" + std::to_string(server.pull_ids(kRepo)[static_cast<std::size_t>(number - 1)]);
    std::vector<json> comments;
    json after = nullptr;
    pages = 0;
    while (true) {
      const auto reply = post_graphql(base, kToken, kCommentsPage, {{"id", id}, {"after", after}});
      EXPECT_EQ(reply.status, 200) << reply.body;
      const json connection = reply.json()["data"]["node"]["comments"];
      ++pages;
      for (const auto& node : connection["nodes"]) comments.push_back(node);
      if (!connection["pageInfo"]["hasNextPage"].get<bool>()) break;
      after = connection["pageInfo"]["endCursor"];
      if (pages > 1000) break;
    }
    return comments;
  }

  FakeGitHub server;
  std::string base;
};

TEST_F(GraphqlData, ServesTheSamePullRequestsAsRest) {
  const json rest = rest_pulls();
  ASSERT_EQ(rest.size(), 230u);
  std::vector<json> nodes;
  json after = nullptr;
  int pages = 0;
  while (true) {
    const auto reply = post_graphql(base, kToken, kPullsPage, {{"after", after}});
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json connection = reply.json()["data"]["repository"]["pullRequests"];
    EXPECT_EQ(connection["totalCount"], 230);
    for (const auto& node : connection["nodes"]) nodes.push_back(node);
    ++pages;
    if (!connection["pageInfo"]["hasNextPage"].get<bool>()) break;
    after = connection["pageInfo"]["endCursor"];
    // GitHub's cursor look: base64 of "cursor:v2:" and a msgpack array.
    EXPECT_EQ(after.get<std::string>().rfind("Y3Vyc29yOnYyOp", 0), 0u) << after;
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(nodes.size(), rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i) {
    EXPECT_EQ(nodes[i]["number"], rest[i]["number"]);
    EXPECT_EQ(nodes[i]["fullDatabaseId"], std::to_string(rest[i]["id"].get<std::int64_t>()));
    EXPECT_EQ(nodes[i]["id"], rest[i]["node_id"]);
    EXPECT_EQ(nodes[i]["title"], rest[i]["title"]);
    const std::string state = nodes[i]["state"];
    if (rest[i]["merged_at"].is_null()) {
      EXPECT_EQ(state, rest[i]["state"] == "open" ? "OPEN" : "CLOSED");
    } else {
      EXPECT_EQ(state, "MERGED");
    }
    EXPECT_EQ(nodes[i]["isDraft"], rest[i]["draft"]);
    if (rest[i]["user"].is_null()) {
      EXPECT_TRUE(nodes[i]["author"].is_null());
    } else {
      // GraphQL names a bot by its app's slug, REST adds "[bot]".
      std::string login = rest[i]["user"]["login"];
      login = login.substr(0, login.find('['));
      EXPECT_EQ(nodes[i]["author"]["login"], login);
    }
  }
}

TEST_F(GraphqlData, PagesThroughNoneExactlyAPageAndThousandsOfComments) {
  server.set_pull_children(kRepo, 3, {0, 0, 0});
  server.set_pull_children(kRepo, 4, {100, 100, 100});
  server.set_pull_children(kRepo, 5, {2'345, 1, 0});
  int pages = 0;
  EXPECT_TRUE(graphql_comments(3, pages).empty());
  EXPECT_EQ(pages, 1);
  EXPECT_EQ(graphql_comments(4, pages).size(), 100u);
  EXPECT_EQ(pages, 1);  // exactly one page: hasNextPage false after 100 of 100
  const std::vector<json> many = graphql_comments(5, pages);
  ASSERT_EQ(many.size(), 2'345u);
  EXPECT_EQ(pages, 24);
  std::set<std::string> ids;
  for (const auto& comment : many) ids.insert(comment["fullDatabaseId"].get<std::string>());
  EXPECT_EQ(ids.size(), many.size());

  // The same comments, ids and order through REST.
  std::vector<std::string> rest_ids;
  for (int page = 1; page <= 24; ++page) {
    const auto reply =
        get(base, "/repos/acme/widgets/issues/5/comments?per_page=100&page=" + std::to_string(page),
            std::string("bearer ") + kToken);
    ASSERT_EQ(reply.status, 200);
    for (const auto& comment : reply.json())
      rest_ids.push_back(std::to_string(comment["id"].get<std::int64_t>()));
  }
  ASSERT_EQ(rest_ids.size(), many.size());
  for (std::size_t i = 0; i < many.size(); ++i) EXPECT_EQ(many[i]["fullDatabaseId"], rest_ids[i]);
}

TEST_F(GraphqlData, TwentyThousandCommentsArePagedWithoutMaterializing) {
  server.set_pull_children(kRepo, 7, {20'000, 0, 0});
  EXPECT_EQ(server.pull_children(kRepo, 7).comments, 20'000);
  // The last page, reached directly from a cursor in the middle: children
  // come from (PR, index), so no page needs the ones before it.
  const std::string id = "PR_kwDO" + std::to_string(server.pull_ids(kRepo)[6]);
  const std::string query = R"(query($id: ID!) { node(id: $id) { ... on PullRequest {
      comments(last: 100) { totalCount pageInfo { hasPreviousPage startCursor } nodes { fullDatabaseId } } } } })";
  const auto reply = post_graphql(base, kToken, query, {{"id", id}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json connection = reply.json()["data"]["node"]["comments"];
  EXPECT_EQ(connection["totalCount"], 20'000);
  EXPECT_EQ(connection["nodes"].size(), 100u);
  EXPECT_TRUE(connection["pageInfo"]["hasPreviousPage"].get<bool>());
}

TEST_F(GraphqlData, ReviewThreadsLinkCommentsToReviewsAndReplies) {
  server.set_pull_children(kRepo, 9, {0, 2, 5});
  const std::string query = R"(query { repository(owner: "acme", name: "widgets") {
      pullRequest(number: 9) {
        reviews(first: 10) { nodes { fullDatabaseId } }
        reviewThreads(first: 10) { totalCount nodes { comments(first: 10) { nodes {
          fullDatabaseId path line originalLine replyTo { fullDatabaseId }
          pullRequestReview { fullDatabaseId } } } } } } } })";
  const auto reply = post_graphql(base, kToken, query);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json pull = reply.json()["data"]["repository"]["pullRequest"];
  std::set<std::string> reviews;
  for (const auto& review : pull["reviews"]["nodes"]) reviews.insert(review["fullDatabaseId"]);
  EXPECT_EQ(reviews.size(), 2u);
  EXPECT_EQ(pull["reviewThreads"]["totalCount"], 4);  // 5 comments: 1, 2 (with a reply), 1, 1
  std::vector<json> comments;
  for (const auto& thread : pull["reviewThreads"]["nodes"]) {
    for (const auto& comment : thread["comments"]["nodes"]) comments.push_back(comment);
  }
  ASSERT_EQ(comments.size(), 5u);
  int replies = 0;
  for (const auto& comment : comments) {
    EXPECT_TRUE(reviews.count(comment["pullRequestReview"]["fullDatabaseId"]));
    if (!comment["replyTo"].is_null()) ++replies;
  }
  EXPECT_EQ(replies, 1);
  EXPECT_EQ(comments[2]["replyTo"]["fullDatabaseId"], comments[1]["fullDatabaseId"]);

  // REST lists the same review comments, linked to the PR.
  std::set<std::string> rest_ids;
  for (int page = 1;; ++page) {
    const auto listing =
        get(base, "/repos/acme/widgets/pulls/comments?per_page=100&page=" + std::to_string(page),
            std::string("bearer ") + kToken);
    const json items = listing.json();
    if (items.empty()) break;
    for (const auto& item : items) {
      if (item["pull_request_url"].get<std::string>().ends_with("/pulls/9")) {
        rest_ids.insert(std::to_string(item["id"].get<std::int64_t>()));
      }
    }
  }
  std::set<std::string> graphql_ids;
  for (const auto& comment : comments) graphql_ids.insert(comment["fullDatabaseId"]);
  EXPECT_EQ(rest_ids, graphql_ids);
}

}  // namespace
}  // namespace fake_github
