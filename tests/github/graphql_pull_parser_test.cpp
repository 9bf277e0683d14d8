// The depth queries' `data` into the domain model, from bodies shaped
// exactly as GitHub sends them.
#include <gtest/gtest.h>

#include "backfill/github/graphql_pulls.hpp"

namespace backfill::github {
namespace {

using nlohmann::json;

const char* kPage = R"({
  "rateLimit": {"cost": 2, "limit": 5000, "remaining": 4998, "resetAt": "2024-05-01T13:00:00Z",
                "used": 2, "nodeCount": 153},
  "repository": {"databaseId": 10270250, "pullRequests": {
    "totalCount": 2,
    "pageInfo": {"hasNextPage": true, "endCursor": "Y3Vyc29yOnYyOpHOABc="},
    "nodes": [
      {"id": "PR_kwDOAJy2Ks5Xb1Mv", "fullDatabaseId": "9223372036854775806", "number": 31,
       "title": "Fix it", "body": "", "state": "MERGED", "isDraft": false,
       "url": "https://github.com/o/r/pull/31", "headRefName": "fix", "baseRefName": "main",
       "createdAt": "2024-01-02T03:04:05Z", "updatedAt": "2024-01-03T03:04:05Z",
       "closedAt": "2024-01-03T03:04:05Z", "mergedAt": "2024-01-03T03:04:05Z",
       "mergeCommit": {"oid": "6dcb09b5b57875f334f61aebed695e2e4193db5e"},
       "author": null,
       "additions": 10, "deletions": 2, "changedFiles": 3, "commits": {"totalCount": 4},
       "reviewDecision": "APPROVED",
       "mergedBy": {"__typename": "User", "login": "octocat",
                    "avatarUrl": "https://avatars.githubusercontent.com/u/583231?v=4",
                    "databaseId": 583231},
       "comments": {"totalCount": 101, "pageInfo": {"hasNextPage": true, "endCursor": "Y29tbWVudA=="},
                    "nodes": [{"fullDatabaseId": "1999999999999", "author": {"__typename": "Bot",
                      "login": "dependabot", "avatarUrl": "https://avatars.githubusercontent.com/in/29110?v=4",
                      "databaseId": 49699333}, "body": "Bump", "createdAt": "2024-01-02T04:00:00Z",
                      "updatedAt": "2024-01-02T04:00:00Z"}]},
       "reviews": {"totalCount": 1, "pageInfo": {"hasNextPage": false, "endCursor": "cmV2"},
                   "nodes": [{"fullDatabaseId": "2000000000001", "author": {"__typename": "Mannequin",
                     "login": "old-user", "avatarUrl": "https://x/y", "databaseId": 77},
                     "state": "CHANGES_REQUESTED", "body": "no", "submittedAt": null}]}},
      {"id": "PR_2", "fullDatabaseId": "55", "number": 32, "title": "Open one", "body": "text",
       "state": "OPEN", "isDraft": true, "url": "https://github.com/o/r/pull/32",
       "headRefName": "b", "baseRefName": "main", "createdAt": "2024-01-04T00:00:00Z",
       "updatedAt": "2024-01-04T00:00:00Z", "closedAt": null, "mergedAt": null, "mergeCommit": null,
       "author": {"__typename": "User", "login": "hubot", "avatarUrl": "https://a/b", "databaseId": 1},
       "additions": 0, "deletions": 0, "changedFiles": 0, "commits": {"totalCount": 1},
       "reviewDecision": null, "mergedBy": null,
       "comments": {"totalCount": 0, "pageInfo": {"hasNextPage": false, "endCursor": null}, "nodes": []},
       "reviews": {"totalCount": 0, "pageInfo": {"hasNextPage": false, "endCursor": null}, "nodes": []}}
    ]}}})";

DepthScope all() { return parse_depth_scope("all", "--with"); }

TEST(GraphqlPullParser, ReadsAPageAsGitHubSendsIt) {
  const auto page = parse_pull_page_data(json::parse(kPage), all());
  EXPECT_EQ(page.total_count, 2);
  EXPECT_TRUE(page.has_next);
  EXPECT_EQ(page.end_cursor, "Y3Vyc29yOnYyOpHOABc=");
  ASSERT_EQ(page.pulls.size(), 2u);

  const auto& merged = page.pulls[0];
  EXPECT_EQ(merged.node_id, "PR_kwDOAJy2Ks5Xb1Mv");
  EXPECT_EQ(merged.deep.pull.github_id, 9223372036854775806);  // a BigInt string, all 64 bits
  EXPECT_EQ(merged.deep.pull.state, "closed");                 // MERGED is closed on REST
  EXPECT_FALSE(merged.deep.pull.body.has_value());             // "" is REST's null
  EXPECT_FALSE(merged.deep.pull.author.has_value());           // a deleted account
  EXPECT_EQ(merged.deep.pull.merge_commit_sha, "6dcb09b5b57875f334f61aebed695e2e4193db5e");
  EXPECT_EQ(merged.deep.details.additions, 10);
  EXPECT_EQ(merged.deep.details.commits_count, 4);
  EXPECT_EQ(merged.deep.details.comments_count, 101);
  EXPECT_EQ(merged.deep.details.reviews_count, 1);
  EXPECT_EQ(merged.deep.details.review_decision, "APPROVED");
  ASSERT_TRUE(merged.deep.details.merged_by.has_value());
  EXPECT_EQ(merged.deep.details.merged_by->github_id, 583231);
  ASSERT_EQ(merged.deep.comments.size(), 1u);
  EXPECT_EQ(merged.deep.comments[0].github_id, 1999999999999);
  EXPECT_EQ(merged.deep.comments[0].kind, CommentKind::kIssue);
  EXPECT_EQ(merged.deep.comments[0].author->login, "dependabot[bot]");  // REST's spelling
  EXPECT_EQ(merged.deep.comments[0].author->type, "Bot");
  EXPECT_TRUE(merged.comments.has_next);
  EXPECT_EQ(merged.comments.end_cursor, "Y29tbWVudA==");
  ASSERT_EQ(merged.deep.reviews.size(), 1u);
  EXPECT_EQ(merged.deep.reviews[0].state, "CHANGES_REQUESTED");
  EXPECT_EQ(merged.deep.reviews[0].author->type, "Mannequin");
  EXPECT_FALSE(merged.deep.reviews[0].submitted_at.has_value());

  const auto& open = page.pulls[1];
  EXPECT_EQ(open.deep.pull.state, "open");
  EXPECT_TRUE(open.deep.pull.draft);
  EXPECT_EQ(open.deep.pull.author->login, "hubot");
  EXPECT_FALSE(open.deep.details.merged_by.has_value());
  EXPECT_FALSE(open.deep.details.review_decision.has_value());
}

TEST(GraphqlPullParser, KindsNotAskedForAreNeitherKeptNorFollowedUp) {
  const auto page = parse_pull_page_data(json::parse(kPage), parse_depth_scope("reviews", "x"));
  EXPECT_TRUE(page.pulls[0].deep.comments.empty());
  EXPECT_FALSE(page.pulls[0].comments.has_next);
  EXPECT_EQ(page.pulls[0].deep.details.comments_count, 101);  // the count is a detail
  EXPECT_EQ(page.pulls[0].deep.reviews.size(), 1u);
}

TEST(GraphqlPullParser, ShapesGitHubDoesNotSendAreRefused) {
  json page = json::parse(kPage);
  page["repository"]["pullRequests"]["nodes"][0]["fullDatabaseId"] = "12x";
  EXPECT_THROW(parse_pull_page_data(page, all()), std::runtime_error);
  page = json::parse(kPage);
  page["repository"]["pullRequests"]["nodes"][0]["number"] = "31";
  EXPECT_THROW(parse_pull_page_data(page, all()), std::runtime_error);
  page = json::parse(kPage);
  page["repository"] = nullptr;
  EXPECT_THROW(parse_pull_page_data(page, all()), std::runtime_error);
}

TEST(GraphqlPullParser, FollowUpsOfSeveralPullRequestsOneSlotEach) {
  const json data = json::parse(R"({"rateLimit": {"cost": 1},
    "pull0": {"id": "PR_1",
      "comments": {"totalCount": 101, "pageInfo": {"hasNextPage": false, "endCursor": "x"},
        "nodes": [{"fullDatabaseId": "7", "author": null, "body": "b",
                   "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"}]}},
    "pull1": null,
    "pull2": {"id": "PR_3",
      "reviews": {"totalCount": 300, "pageInfo": {"hasNextPage": true, "endCursor": "r2"},
        "nodes": [{"fullDatabaseId": "4000000000", "author": null, "state": "APPROVED",
                   "body": "", "submittedAt": "2024-01-01T00:00:00Z"}]}}})");
  const std::vector<FollowUpSlot> slots = {{"PR_1", std::nullopt, std::string("c0")},
                                           {"PR_2", std::string("r1"), std::nullopt},
                                           {"PR_3", std::string("r1"), std::nullopt}};
  const auto replies = parse_follow_up_data(data, slots);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_TRUE(replies[0].found);
  EXPECT_FALSE(replies[0].comments.has_next);
  ASSERT_EQ(replies[0].comment_items.size(), 1u);
  EXPECT_FALSE(replies[0].comment_items[0].author.has_value());
  EXPECT_TRUE(replies[0].review_items.empty());
  EXPECT_FALSE(replies[1].found);  // deleted meanwhile
  EXPECT_TRUE(replies[2].found);
  EXPECT_TRUE(replies[2].reviews.has_next);
  EXPECT_EQ(replies[2].reviews.end_cursor, "r2");
  ASSERT_EQ(replies[2].review_items.size(), 1u);
  EXPECT_EQ(replies[2].review_items[0].github_id, 4000000000);  // 64-bit
  // A slot missing from the reply is a shape GitHub does not send.
  EXPECT_THROW(parse_follow_up_data(data, {slots[0], slots[1], slots[2], slots[0]}),
               std::runtime_error);
}

TEST(GraphqlPullParser, VariablesAskOnlyForWhatTheScopeNeeds) {
  const auto v =
      pull_page_variables({"o", "r"}, 25, std::nullopt, parse_depth_scope("details", "x"));
  EXPECT_EQ(v.at("first"), 25);
  EXPECT_TRUE(v.at("after").is_null());
  EXPECT_EQ(v.at("reviews"), 1);
  EXPECT_EQ(v.at("withReviews"), false);
  EXPECT_EQ(v.at("orderBy"), json::parse(R"({"field": "CREATED_AT", "direction": "ASC"})"));
  const auto updates =
      pull_page_variables({"o", "r"}, 25, std::string("c"), parse_depth_scope("details", "x"),
                          PullOrder::kRecentlyUpdatedFirst);
  EXPECT_EQ(updates.at("orderBy"), json::parse(R"({"field": "UPDATED_AT", "direction": "DESC"})"));
  EXPECT_EQ(updates.at("after"), "c");
  const auto c = follow_up_variables(
      {{"PR_1", std::nullopt, std::string("cur")}, {"PR_2", std::string("rev"), std::nullopt}});
  EXPECT_EQ(c.at("first"), 100);
  EXPECT_EQ(c.at("id0"), "PR_1");
  EXPECT_EQ(c.at("withReviews0"), false);
  EXPECT_EQ(c.at("withComments0"), true);
  EXPECT_EQ(c.at("commentsAfter0"), "cur");
  EXPECT_TRUE(c.at("reviewsAfter0").is_null());
  EXPECT_EQ(c.at("id1"), "PR_2");
  EXPECT_EQ(c.at("withReviews1"), true);
  EXPECT_EQ(c.at("withComments1"), false);
  EXPECT_EQ(c.at("reviewsAfter1"), "rev");
  EXPECT_FALSE(c.contains("id2"));
}

}  // namespace
}  // namespace backfill::github
