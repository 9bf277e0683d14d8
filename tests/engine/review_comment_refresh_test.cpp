// The replacement of one PR's inline review comments in a refresh of a
// depth scope, against scripted replies of GET /pulls/{n}/comments on both
// engines: every page upserted as it comes, deletions only with the last
// page, none when a page fails, when the PR is gone (404) or when a Link
// would loop; every request counted.
#include <gtest/gtest.h>

#include <set>

#include "backfill/core/cancel.hpp"
#include "backfill/github/client.hpp"
#include "engine/review_comment_refresh.hpp"
#include "support/db_probe.hpp"
#include "support/github_replies.hpp"
#include "support/manual_clock.hpp"
#include "support/scripted_transport.hpp"
#include "support/test_databases.hpp"

namespace backfill::testing {
namespace {

constexpr const char* kApi = "https://api.github.test";
constexpr const char* kNow = "2024-03-01T00:00:00Z";

std::string comment_json(std::int64_t id, const std::string& body) {
  return R"({"id":)" + std::to_string(id) +
         R"(,"pull_request_review_id":77,"path":"src/a.cpp","line":4,)"
         R"("user":{"login":"u1","id":701,"avatar_url":"https://a/x","type":"User"},"body":")" +
         body +
         R"(","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-02T00:00:00Z",)"
         R"("pull_request_url":")" +
         std::string(kApi) + R"(/repos/octo/repo/pulls/7"})";
}

std::string page_json(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (const auto id : ids) {
    if (out.size() > 1) out += ',';
    out += comment_json(id, "now " + std::to_string(id));
  }
  return out + "]";
}

std::string page_url(long page) {
  return std::string(kApi) +
         "/repositories/4242/pulls/7/comments?per_page=100&page=" + std::to_string(page);
}

// Page `page` of `last`, linked as GitHub links them.
github::HttpResponse page(const std::vector<std::int64_t>& ids, long page, long last) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (page < last) {
    headers.emplace_back("link", replies::link(page_url(page + 1), "next") + ", " +
                                     replies::link(page_url(last), "last"));
  }
  return json_reply(200, page_json(ids), headers);
}

class ReviewCommentRefresh : public ::testing::TestWithParam<store::Backend> {
 protected:
  ReviewCommentRefresh()
      : db(GetParam()),
        client({kApi, "ghp_scriptedToken00000000000000000000000000", "test"}, transport),
        runner(runner_params(), clock, cancel, [] { return 0.0; }) {
    repo = db.store->upsert_repository(4242, {"octo", "repo"}, kNow);
    db.store->begin_run(repo.id, 1, false, kNow);
    db.store->upsert_chunk({repo.id, {sample_pull_request(7)}, "{}", kNow, {}});
    // Stored review comments 1-5 of #7, and 9 of #8.
    std::vector<RepositoryComment> stored;
    for (std::int64_t id = 1; id <= 5; ++id) stored.push_back(item(7, id));
    db.store->write_pull_review_comments({repo.id, 7, stored, std::nullopt, kNow});
    db.store->write_pull_review_comments({repo.id, 8, {item(8, 9)}, std::nullopt, kNow});
  }

  static engine::RunnerParams runner_params() {
    engine::RunnerParams p;
    p.policy.max_retries = 0;
    return p;
  }

  static RepositoryComment item(std::int64_t pull, std::int64_t id) {
    RepositoryComment c;
    c.pull_number = pull;
    c.comment.github_id = id;
    c.comment.kind = CommentKind::kReview;
    c.comment.body = "before";
    c.comment.created_at = c.comment.updated_at = kNow;
    return c;
  }

  bool refresh() {
    return engine::refresh_pull_review_comments({"octo", "repo"}, repo.id, 7,
                                                {client, runner, *db.store, clock}, tally);
  }

  std::set<std::int64_t> stored_ids() {
    const auto ids =
        query_ints(db.database.url(), "SELECT github_id FROM comments WHERE kind = 'review'");
    return {ids.begin(), ids.end()};
  }

  FreshStore db;
  store::Repository repo;
  ScriptedTransport transport;
  ManualClock clock;
  CancelToken cancel;
  github::GitHubClient client;
  engine::RequestRunner runner;
  engine::ReviewCommentRefreshTally tally;
};

TEST_P(ReviewCommentRefresh, EveryPageIsUpsertedAndTheLastDeletesWhatGitHubNoLongerLists) {
  transport.enqueue(page({1, 2}, 1, 2));
  transport.enqueue(page({4, 6}, 2, 2));
  EXPECT_TRUE(refresh());
  EXPECT_EQ(stored_ids(), (std::set<std::int64_t>{1, 2, 4, 6, 9}));  // #8's stays
  EXPECT_EQ(query_value(db.database.url(), "SELECT body FROM comments WHERE github_id = 4"),
            "now 4");
  EXPECT_EQ(tally.written, 4);
  EXPECT_EQ(tally.deleted, 2);
  EXPECT_EQ(tally.requests, 2);
  const auto sent = transport.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].url,
            std::string(kApi) + "/repos/octo/repo/pulls/7/comments?per_page=100&page=1");
  EXPECT_EQ(sent[1].url, page_url(2));
}

TEST_P(ReviewCommentRefresh, APageThatFailsDeletesNothing) {
  transport.enqueue(page({1, 2}, 1, 2));
  transport.enqueue(json_reply(500, R"({"message":"Server Error"})"));
  EXPECT_THROW(refresh(), github::GitHubError);
  // Page 1 was stored; 3 and 5 stay until a refresh reads every page.
  EXPECT_EQ(stored_ids(), (std::set<std::int64_t>{1, 2, 3, 4, 5, 9}));
  EXPECT_EQ(query_value(db.database.url(), "SELECT body FROM comments WHERE github_id = 1"),
            "now 1");
  EXPECT_EQ(tally.deleted, 0);
  EXPECT_EQ(tally.requests, 2);
}

TEST_P(ReviewCommentRefresh, APullGoneFromGitHubKeepsWhatIsStored) {
  transport.enqueue(json_reply(404, R"({"message":"Not Found"})"));
  EXPECT_FALSE(refresh());
  EXPECT_EQ(stored_ids(), (std::set<std::int64_t>{1, 2, 3, 4, 5, 9}));
  EXPECT_EQ(tally.requests, 1);
  EXPECT_EQ(tally.deleted, 0);
}

TEST_P(ReviewCommentRefresh, ALinkThatLoopsIsRefusedBeforeAnyDeletion) {
  auto again = json_reply(
      200, page_json({1}),
      {{"link", replies::link(page_url(1), "next") + ", " + replies::link(page_url(3), "last")}});
  transport.enqueue(page({1}, 1, 3));
  transport.enqueue(again);
  try {
    refresh();
    FAIL() << "a Link back to page 1 was followed";
  } catch (const github::GitHubError& e) {
    EXPECT_EQ(e.kind(), github::ErrorKind::kRefused) << e.what();
  }
  EXPECT_EQ(stored_ids(), (std::set<std::int64_t>{1, 2, 3, 4, 5, 9}));
}

// The refresh's stop check (signal, time budget) is asked before each page:
// a PR with many pages stops between two, keeping what it upserted and
// deleting nothing.
TEST_P(ReviewCommentRefresh, AStopBetweenPagesKeepsWhatWasUpsertedAndDeletesNothing) {
  struct Stopped {};
  transport.enqueue(page({1, 2}, 1, 3));
  transport.enqueue(page({4}, 2, 3));
  transport.enqueue(page({6}, 3, 3));
  int checks = 0;
  const auto stop_at_second_page = [&] {
    if (++checks == 3) throw Stopped{};
  };
  EXPECT_THROW(engine::refresh_pull_review_comments(
                   {"octo", "repo"}, repo.id, 7,
                   {client, runner, *db.store, clock, stop_at_second_page}, tally),
               Stopped);
  EXPECT_EQ(checks, 3);  // before pages 1, 2 and 3
  EXPECT_EQ(transport.requests().size(), 2u);
  EXPECT_EQ(stored_ids(), (std::set<std::int64_t>{1, 2, 3, 4, 5, 9}));
  EXPECT_EQ(tally.written, 3);
  EXPECT_EQ(tally.deleted, 0);
  EXPECT_EQ(tally.requests, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewCommentRefresh,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
