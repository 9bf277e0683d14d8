// The write of one page of a PR's inline review comments in a refresh of a
// depth scope, on both engines: upserted as the stream's are (edits land,
// authors stored), and on the PR's last page the PR's stored review
// comments GitHub no longer lists deleted, linked or waiting for their PR;
// conversation comments and other PRs' review comments are never touched.
#include <gtest/gtest.h>

#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::testing {
namespace {

using store::Backend;

constexpr const char* kNow = "2024-03-01T00:00:00Z";

RepositoryComment review_comment(std::int64_t pull, std::int64_t id, const std::string& body) {
  RepositoryComment item;
  item.pull_number = pull;
  item.comment.github_id = id;
  item.comment.kind = CommentKind::kReview;
  item.comment.author = Contributor{id + 7, "reviewer" + std::to_string(id), "", "User"};
  item.comment.body = body;
  item.comment.created_at = kNow;
  item.comment.updated_at = kNow;
  item.comment.path = "src/a.cpp";
  item.comment.line = 3;
  return item;
}

class PullReviewCommentsStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  PullReviewCommentsStoreTest() : db(GetParam()) {
    repo = db.store->upsert_repository(42, {"octo", "repo"}, kNow);
    db.store->begin_run(repo.id, 2, false, kNow);
    db.store->upsert_chunk(
        {repo.id, {sample_pull_request(1), sample_pull_request(2)}, "{}", kNow, {}});
  }

  std::int64_t count(const std::string& sql) { return query_int(db.database.url(), sql); }

  std::int64_t write(std::int64_t pull, std::vector<RepositoryComment> comments,
                     std::optional<std::vector<std::int64_t>> on_github) {
    return db.store->write_pull_review_comments(
        {repo.id, pull, std::move(comments), std::move(on_github), kNow});
  }

  FreshStore db;
  store::Repository repo;
};

TEST_P(PullReviewCommentsStoreTest, TheLastPageDeletesWhatGitHubNoLongerListsOfThatPullOnly) {
  // #1 has review comments 11-14 and a conversation comment with id 12;
  // #2 has 21; #3 (not stored yet) has 31, kept by number.
  ASSERT_EQ(write(1,
                  {review_comment(1, 11, "a"), review_comment(1, 12, "b"),
                   review_comment(1, 13, "c"), review_comment(1, 14, "d")},
                  std::nullopt),
            0);
  ASSERT_EQ(write(2, {review_comment(2, 21, "x")}, std::nullopt), 0);
  ASSERT_EQ(write(3, {review_comment(3, 31, "y")}, std::nullopt), 0);
  DeepPullRequest conversation;
  conversation.pull = sample_pull_request(1);
  Comment issue;
  issue.github_id = 12;
  issue.created_at = issue.updated_at = kNow;
  conversation.comments.push_back(issue);
  db.store->upsert_pull_children({repo.id, conversation, kNow});
  EXPECT_EQ(count("SELECT count(*) FROM comments WHERE kind = 'review'"
                  " AND pull_request_id IS NOT NULL"),
            5);
  EXPECT_EQ(count("SELECT count(*) FROM contributors WHERE login LIKE 'reviewer%'"), 6);

  // GitHub now lists 11 (edited) on page 1 and 14 on page 2: the first
  // page deletes nothing, the last deletes 12 and 13 of #1 only.
  EXPECT_EQ(write(1, {review_comment(1, 11, "a, edited")}, std::nullopt), 0);
  EXPECT_EQ(count("SELECT count(*) FROM comments WHERE kind = 'review'"), 6);
  EXPECT_EQ(write(1, {review_comment(1, 14, "d")}, std::vector<std::int64_t>{11, 14}), 2);
  EXPECT_EQ(query_ints(db.database.url(),
                       "SELECT github_id FROM comments WHERE kind = 'review' ORDER BY github_id"),
            (std::vector<std::int64_t>{11, 14, 21, 31}));
  EXPECT_EQ(query_value(db.database.url(), "SELECT body FROM comments WHERE github_id = 11"),
            "a, edited");
  EXPECT_EQ(count("SELECT count(*) FROM comments WHERE kind = 'issue' AND github_id = 12"), 1);

  // A PR not stored yet: its comments waiting by number go the same way.
  EXPECT_EQ(write(3, {}, std::vector<std::int64_t>{}), 1);
  EXPECT_EQ(count("SELECT count(*) FROM comments WHERE github_id = 31"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM comments WHERE github_id = 21"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PullReviewCommentsStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
