// GitHub's "Pull Request Review Comment" objects (GET /pulls/comments) into
// the domain Comment: the documented example, a deleted author, an outdated
// comment, a reply, and the replies a retry must catch.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "backfill/github/review_comment_parser.hpp"

namespace {

using backfill::CommentKind;
using backfill::RepositoryComment;
using backfill::github::parse_review_comment_page;
using backfill::github::pull_number_of_url;
using nlohmann::json;

// The documented example of the listing, from GitHub's OpenAPI description.
const json& documented_example() {
  static const json example = [] {
    std::ifstream in(BACKFILL_GITHUB_REFERENCE_JSON);
    if (!in) throw std::runtime_error("cannot open " BACKFILL_GITHUB_REFERENCE_JSON);
    const json spec = json::parse(in);
    return spec["paths"]["/repos/{owner}/{repo}/pulls/comments"]["get"]["responses"]["200"]
               ["content"]["application/json"]["examples"]["default"]["value"][0];
  }();
  return example;
}

RepositoryComment parse_one(const json& item) {
  const auto page = parse_review_comment_page("[" + item.dump() + "]");
  EXPECT_EQ(page.size(), 1u);
  return page.empty() ? RepositoryComment{} : page.front();
}

TEST(ReviewCommentParser, ReadsGitHubsDocumentedExample) {
  const RepositoryComment item = parse_one(documented_example());
  EXPECT_EQ(item.pull_number, 1);
  const auto& c = item.comment;
  EXPECT_EQ(c.kind, CommentKind::kReview);
  EXPECT_EQ(c.github_id, 10);
  EXPECT_EQ(c.review_github_id, 42);
  EXPECT_EQ(c.in_reply_to_github_id, 8);
  EXPECT_EQ(c.path, "file1.txt");
  EXPECT_EQ(c.line, 2);
  EXPECT_EQ(c.body, "Great stuff!");
  EXPECT_EQ(c.created_at, "2011-04-14T16:00:49Z");
  EXPECT_EQ(c.updated_at, "2011-04-14T16:00:49Z");
  ASSERT_TRUE(c.author.has_value());
  EXPECT_EQ(c.author->github_id, 1);
  EXPECT_EQ(c.author->login, "octocat");
  EXPECT_EQ(c.author->type, "User");
  EXPECT_EQ(c.author->avatar_url, "https://github.com/images/error/octocat_happy.gif");
}

TEST(ReviewCommentParser, DeletedAuthorIsNoAuthor) {
  json item = documented_example();
  item["user"] = nullptr;
  EXPECT_FALSE(parse_one(item).comment.author.has_value());
}

TEST(ReviewCommentParser, OutdatedCommentHasNoLine) {
  json item = documented_example();
  item["line"] = nullptr;  // GitHub's answer once the diff moved on
  const auto c = parse_one(item).comment;
  EXPECT_FALSE(c.line.has_value());
  EXPECT_EQ(c.path, "file1.txt");
}

TEST(ReviewCommentParser, FirstCommentOfAThreadRepliesToNothing) {
  json item = documented_example();
  item.erase("in_reply_to_id");
  item["pull_request_review_id"] = nullptr;
  const auto c = parse_one(item).comment;
  EXPECT_FALSE(c.in_reply_to_github_id.has_value());
  EXPECT_FALSE(c.review_github_id.has_value());
}

TEST(ReviewCommentParser, ReplyKeepsItsThreadAnd64BitIds) {
  json item = documented_example();
  item["id"] = 9007199254740993;  // past 2^53: not a double
  item["in_reply_to_id"] = 9007199254740991;
  item["pull_request_review_id"] = 4294967297;
  item["pull_request_url"] = "https://ghe.example/api/v3/repos/o/r/pulls/123456";
  const auto item_parsed = parse_one(item);
  EXPECT_EQ(item_parsed.comment.github_id, 9007199254740993);
  EXPECT_EQ(item_parsed.comment.in_reply_to_github_id, 9007199254740991);
  EXPECT_EQ(item_parsed.comment.review_github_id, 4294967297);
  EXPECT_EQ(item_parsed.pull_number, 123456);
}

TEST(ReviewCommentParser, BotAuthorKeepsItsLoginAndType) {
  json item = documented_example();
  item["user"]["login"] = "dependabot[bot]";
  item["user"]["type"] = "Bot";
  item["user"]["id"] = 49699333;
  const auto author = parse_one(item).comment.author.value();
  EXPECT_EQ(author.login, "dependabot[bot]");
  EXPECT_EQ(author.type, "Bot");
  EXPECT_EQ(author.github_id, 49699333);
}

TEST(ReviewCommentParser, EmptyPageIsNoComments) {
  EXPECT_TRUE(parse_review_comment_page(" [ ] ").empty());
}

TEST(ReviewCommentParser, GarbledRepliesThrow) {
  EXPECT_THROW(parse_review_comment_page(R"({"message":"Not Found"})"), std::runtime_error);
  EXPECT_THROW(parse_review_comment_page("[" + documented_example().dump()), std::runtime_error);
  json no_id = documented_example();
  no_id.erase("id");
  EXPECT_THROW(parse_review_comment_page("[" + no_id.dump() + "]"), std::runtime_error);
  json no_pull = documented_example();
  no_pull["pull_request_url"] = "https://api.github.com/repos/octocat/Hello-World/issues/1";
  EXPECT_THROW(parse_review_comment_page("[" + no_pull.dump() + "]"), std::runtime_error);
}

TEST(ReviewCommentParser, PullNumberComesFromTheUrlsLastSegment) {
  EXPECT_EQ(pull_number_of_url("https://api.github.com/repos/o/r/pulls/7"), 7);
  EXPECT_EQ(pull_number_of_url("https://api.github.com/repos/o/pulls/pulls/12"), 12);
  EXPECT_EQ(pull_number_of_url("https://api.github.com/repos/o/r/pulls/"), std::nullopt);
  EXPECT_EQ(pull_number_of_url("https://api.github.com/repos/o/r/pulls/0"), std::nullopt);
  EXPECT_EQ(pull_number_of_url("https://api.github.com/repos/o/r/pulls/-3"), std::nullopt);
  EXPECT_EQ(pull_number_of_url("https://api.github.com/repos/o/r/pulls/7/files"), std::nullopt);
  EXPECT_EQ(pull_number_of_url("https://api.github.com/repos/o/r/issues/7"), std::nullopt);
}

}  // namespace
