// The REST listings of PR children conform to GitHub's published schema,
// page with real Link headers, and honour sort, direction and since.
#include <gtest/gtest.h>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"
#include "fake_github/schema_validator.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;

const OpenApiReference& reference() {
  static const OpenApiReference document(BACKFILL_GITHUB_REFERENCE_JSON);
  return document;
}

class DepthListing : public ::testing::Test {
 protected:
  void SetUp() override {
    GenerateOptions options;
    options.seed = 3;
    options.awkward_every = 4;  // deleted users, bots, merged and draft PRs among them
    server.add_repository("acme/widgets", 60, options);
    base = server.start();
  }

  json all_review_comments(const std::string& query,
                           const std::string& listing = "/repos/acme/widgets/pulls/comments") {
    json all = json::array();
    std::string next = listing + "?" + query;
    while (!next.empty()) {
      const auto reply = get(base, next);
      EXPECT_EQ(reply.status, 200);
      for (const auto& item : reply.json()) all.push_back(item);
      next.clear();
      const std::string link = reply.header("link");
      const auto rel = link.find("; rel=\"next\"");
      if (rel != std::string::npos) {
        const auto open = link.rfind('<', rel);
        next = link.substr(open + 1, link.find('>', open) - open - 1);
      }
    }
    return all;
  }

  FakeGitHub server;
  std::string base;
};

TEST_F(DepthListing, ReviewCommentsMatchGitHubsSchemaAndPageWithLinks) {
  const auto& schema =
      reference().response_schema("/repos/{owner}/{repo}/pulls/comments", "get", "200");
  const auto first = get(base, "/repos/acme/widgets/pulls/comments?per_page=100");
  ASSERT_EQ(first.status, 200);
  const json items = first.json();
  ASSERT_EQ(items.size(), 100u);
  const auto errors = validate_against_schema(items, schema);
  EXPECT_TRUE(errors.empty()) << errors.size() << " violations, first: " << errors.front();
  const std::string link = first.header("link");
  EXPECT_NE(link.find("/repositories/"), std::string::npos) << link;
  EXPECT_NE(link.find("per_page=100&page=2>; rel=\"next\""), std::string::npos) << link;

  std::int64_t expected = 0;
  for (const auto number : server.pull_numbers("acme/widgets")) {
    expected += server.pull_children("acme/widgets", number).review_comments;
  }
  const json all = all_review_comments("per_page=100");
  EXPECT_EQ(static_cast<std::int64_t>(all.size()), expected);
  // Without sort: ascending ids.
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1]["id"], all[i]["id"]);
}

TEST_F(DepthListing, SortDirectionAndSince) {
  const json updated = all_review_comments("sort=updated&direction=desc&per_page=50");
  ASSERT_GT(updated.size(), 10u);
  for (std::size_t i = 1; i < updated.size(); ++i) {
    EXPECT_GE(updated[i - 1]["updated_at"].get<std::string>(),
              updated[i]["updated_at"].get<std::string>());
  }
  const std::string since = updated[updated.size() / 2]["updated_at"];
  const json recent = all_review_comments("since=" + since + "&per_page=100");
  EXPECT_FALSE(recent.empty());
  EXPECT_LT(recent.size(), updated.size());
  for (const auto& item : recent) EXPECT_GE(item["updated_at"].get<std::string>(), since);
}

TEST_F(DepthListing, ReviewsAndConversationCommentsOfAPull) {
  server.set_pull_children("acme/widgets", 8, {150, 101, 0});
  const auto reviews = get(base, "/repos/acme/widgets/pulls/8/reviews?per_page=100");
  ASSERT_EQ(reviews.status, 200);
  EXPECT_EQ(reviews.json().size(), 100u);
  auto errors = validate_against_schema(
      reviews.json(), reference().response_schema(
                          "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "get", "200"));
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_NE(reviews.header("link").find("rel=\"last\""), std::string::npos);
  EXPECT_EQ(get(base, "/repos/acme/widgets/pulls/8/reviews?per_page=100&page=2").json().size(), 1u);

  const auto comments = get(base, "/repos/acme/widgets/issues/8/comments?per_page=100&page=2");
  ASSERT_EQ(comments.status, 200);
  EXPECT_EQ(comments.json().size(), 50u);
  errors = validate_against_schema(
      comments.json(),
      // The reference carries the GET of a repository's issue comments,
      // whose items are the same "Issue Comment" objects.
      reference().response_schema("/repos/{owner}/{repo}/issues/comments", "get", "200"));
  EXPECT_TRUE(errors.empty()) << errors.front();
  for (const auto& comment : comments.json()) {
    EXPECT_TRUE(comment["issue_url"].get<std::string>().ends_with("/issues/8"));
  }
  EXPECT_EQ(get(base, "/repos/acme/widgets/pulls/999/reviews").status, 404);
}

// GitHub moves a PR's updated_at when a review or comment is added or
// deleted: a refresh of the depth scopes finds it by sort=updated.
TEST_F(DepthListing, ChangedChildrenMoveThePullsUpdatedAtToTheTop) {
  const auto newest = [&] {
    const auto top =
        get(base, "/repos/acme/widgets/pulls?state=all&sort=updated&direction=desc&per_page=1")
            .json();
    EXPECT_EQ(top.size(), 1u);
    return std::make_pair(top[0]["number"].get<std::int64_t>(),
                          top[0]["updated_at"].get<std::string>());
  };
  server.set_clock([] { return std::int64_t{1'900'000'000}; });
  server.change_pull_children("acme/widgets", 5, {3, 2, 0});
  EXPECT_EQ(server.pull_children("acme/widgets", 5), (ChildCounts{3, 2, 0}));
  EXPECT_EQ(newest(), std::make_pair(std::int64_t{5}, std::string("2030-03-17T17:46:40Z")));
  EXPECT_EQ(get(base, "/repos/acme/widgets/issues/5/comments").json().size(), 3u);
  // Deleted: the counts shrink, and the PR moves again.
  server.set_clock([] { return std::int64_t{1'900'000'100}; });
  server.change_pull_children("acme/widgets", 5, {1, 0, 0});
  EXPECT_EQ(get(base, "/repos/acme/widgets/issues/5/comments").json().size(), 1u);
  EXPECT_EQ(newest(), std::make_pair(std::int64_t{5}, std::string("2030-03-17T17:48:20Z")));
  EXPECT_THROW(server.change_pull_children("acme/widgets", 999, {1, 0, 0}), std::invalid_argument);
}

// GET /repos/{o}/{r}/pulls/{n}/comments: the repository-wide listing
// filtered to the PR, with the same parameters and Link headers.
TEST_F(DepthListing, ReviewCommentsOfAPullAreTheRepositoryListingFilteredToIt) {
  server.set_pull_children("acme/widgets", 8, {0, 2, 150});
  const auto& schema = reference().response_schema(
      "/repos/{owner}/{repo}/pulls/{pull_number}/comments", "get", "200");
  const auto first = get(base, "/repos/acme/widgets/pulls/8/comments?per_page=100");
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(first.json().size(), 100u);
  const auto errors = validate_against_schema(first.json(), schema);
  EXPECT_TRUE(errors.empty()) << errors.size() << " violations, first: " << errors.front();
  const std::string link = first.header("link");
  EXPECT_NE(link.find("/pulls/8/comments?per_page=100&page=2>; rel=\"next\""), std::string::npos)
      << link;
  EXPECT_NE(link.find("rel=\"last\""), std::string::npos) << link;
  EXPECT_EQ(get(base, "/repos/acme/widgets/pulls/8/comments?per_page=100&page=2").json().size(),
            50u);

  json expected = json::array();
  for (const auto& item : all_review_comments("per_page=100")) {
    if (item["pull_request_url"].get<std::string>().ends_with("/pulls/8")) expected.push_back(item);
  }
  ASSERT_EQ(expected.size(), 150u);
  EXPECT_EQ(all_review_comments("per_page=100", "/repos/acme/widgets/pulls/8/comments"), expected);
  // GitHub's default page size is 30.
  EXPECT_EQ(get(base, "/repos/acme/widgets/pulls/8/comments").json().size(), 30u);

  const json updated = all_review_comments("sort=updated&direction=desc&per_page=40",
                                           "/repos/acme/widgets/pulls/8/comments");
  ASSERT_EQ(updated.size(), 150u);
  for (std::size_t i = 1; i < updated.size(); ++i) {
    EXPECT_GE(updated[i - 1]["updated_at"].get<std::string>(),
              updated[i]["updated_at"].get<std::string>());
  }
  const std::string since = updated[75]["updated_at"];
  const json recent = all_review_comments("since=" + since, "/repos/acme/widgets/pulls/8/comments");
  EXPECT_FALSE(recent.empty());
  EXPECT_LT(recent.size(), updated.size());
  for (const auto& item : recent) EXPECT_GE(item["updated_at"].get<std::string>(), since);

  server.set_pull_children("acme/widgets", 9, {0, 0, 0});
  const auto none = get(base, "/repos/acme/widgets/pulls/9/comments?per_page=100");
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(none.json(), json::array());
  EXPECT_EQ(get(base, "/repos/acme/widgets/pulls/999/comments").status, 404);
}

// A review comment edited, added or deleted on GitHub: the listings show
// it, and the PR's updated_at moves to the top of sort=updated.
TEST_F(DepthListing, EditedAddedAndDeletedReviewCommentsMoveThePull) {
  const auto listing = [&] { return get(base, "/repos/acme/widgets/pulls/5/comments").json(); };
  const auto newest = [&] {
    return get(base, "/repos/acme/widgets/pulls?state=all&sort=updated&direction=desc&per_page=1")
        .json()[0];
  };
  server.set_clock([] { return std::int64_t{1'900'000'000}; });
  server.change_pull_children("acme/widgets", 5, {0, 1, 4});
  const json before = listing();
  ASSERT_EQ(before.size(), 4u);

  server.set_clock([] { return std::int64_t{1'900'000'100}; });
  server.edit_review_comment("acme/widgets", 5, 1);
  const json edited = listing();
  ASSERT_EQ(edited.size(), 4u);
  EXPECT_EQ(edited[1]["id"], before[1]["id"]);
  EXPECT_NE(edited[1]["body"], before[1]["body"]);
  EXPECT_EQ(edited[1]["updated_at"], "2030-03-17T17:48:20Z");
  EXPECT_EQ(edited[1]["created_at"], before[1]["created_at"]);
  EXPECT_EQ(edited[0], before[0]);
  EXPECT_EQ(newest()["number"], 5);
  EXPECT_EQ(newest()["updated_at"], "2030-03-17T17:48:20Z");
  // Edited twice: another body again.
  server.edit_review_comment("acme/widgets", 5, 1);
  EXPECT_NE(listing()[1]["body"], edited[1]["body"]);

  // The repository-wide listing shows the same edit.
  for (const auto& item : all_review_comments("per_page=100")) {
    if (item["id"] == edited[1]["id"]) {
      EXPECT_EQ(item, listing()[1]);
    }
  }

  server.set_clock([] { return std::int64_t{1'900'000'200}; });
  server.change_pull_children("acme/widgets", 5, {0, 1, 1});  // the last three deleted
  const json after = listing();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["id"], before[0]["id"]);
  EXPECT_EQ(newest()["updated_at"], "2030-03-17T17:50:00Z");
  EXPECT_THROW(server.edit_review_comment("acme/widgets", 5, 1), std::invalid_argument);
  EXPECT_THROW(server.edit_review_comment("acme/widgets", 999, 0), std::invalid_argument);
}

}  // namespace
}  // namespace fake_github
