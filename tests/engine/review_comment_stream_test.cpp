// The review comment stream of a depth scope with comments, against a
// scripted listing (GET /pulls/comments by id, 100 a page, with Link
// headers): where a resume starts, how it steps back over deletions, and
// that nothing is missed or doubled on either engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "backfill/core/depth_scope.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/github/link_header.hpp"
#include "engine/review_comment_stream.hpp"
#include "support/db_probe.hpp"
#include "support/github_replies.hpp"
#include "support/scripted_github.hpp"
#include "support/scripted_graphql.hpp"
#include "support/watched_store.hpp"

namespace backfill::testing {
namespace {

using engine::review_comment_page_is_behind;
using engine::review_comment_resume_page;
using engine::RunResult;

TEST(ReviewCommentResume, StartsAtTheLastCommittedPage) {
  EXPECT_EQ(review_comment_resume_page(std::nullopt), 1);
  store::StreamProgress none;
  EXPECT_EQ(review_comment_resume_page(none), 1);
  store::StreamProgress three;
  three.page = 3;
  three.last_github_id = 300;
  EXPECT_EQ(review_comment_resume_page(three), 3);
}

TEST(ReviewCommentResume, StepsBackOnlyWhenThePageStartsPastTheLastStoredId) {
  EXPECT_FALSE(review_comment_page_is_behind(3, 300, 201));  // unchanged
  EXPECT_FALSE(review_comment_page_is_behind(3, 300, 300));  // 99 deleted before it
  EXPECT_TRUE(review_comment_page_is_behind(3, 300, 301));   // more: its start moved back
  EXPECT_TRUE(review_comment_page_is_behind(3, 300, 0));     // now past the end
  EXPECT_FALSE(review_comment_page_is_behind(1, 300, 301));  // nothing before page 1
  EXPECT_FALSE(review_comment_page_is_behind(1, 300, 0));
  EXPECT_FALSE(review_comment_page_is_behind(3, 0, 301));  // nothing stored: no id to hold
}

// Review comments by id ascending, on PR (id % 120) + 1, as GitHub pages them.
class ScriptedListing {
 public:
  explicit ScriptedListing(std::int64_t count) {
    for (std::int64_t id = 1; id <= count; ++id) ids_.insert(id);
  }
  void erase(std::int64_t from, std::int64_t to) {
    std::lock_guard lock(mutex_);
    for (auto id = from; id <= to; ++id) ids_.erase(id);
  }
  std::set<std::int64_t> ids() const {
    std::lock_guard lock(mutex_);
    return ids_;
  }
  github::HttpResponse page(const std::string& api_url, long page) const {
    std::lock_guard lock(mutex_);
    const std::vector<std::int64_t> all(ids_.begin(), ids_.end());
    const long last = std::max<long>(1, (static_cast<long>(all.size()) + 99) / 100);
    std::string body = "[";
    for (long i = (page - 1) * 100; i < std::min<long>(page * 100, long(all.size())); ++i) {
      const std::int64_t id = all[static_cast<std::size_t>(i)];
      if (body.size() > 1) body += ',';
      body += R"({"id":)" + std::to_string(id) + R"(,"pull_request_review_id":)" +
              std::to_string(id + 100000) + R"(,"path":"src/a.cpp","line":)" +
              (id % 5 == 0 ? std::string("null") : std::to_string(id % 50 + 1)) +
              R"(,"user":{"login":"u)" + std::to_string(id % 7) + R"(","id":)" +
              std::to_string(700 + id % 7) +
              R"(,"avatar_url":"https://a/x","type":"User"},"body":"c)" + std::to_string(id) +
              R"(","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z",)" +
              R"("pull_request_url":")" + api_url + "/repos/octo/repo/pulls/" +
              std::to_string(id % 120 + 1) + "\"}";
    }
    body += "]";
    const auto url = [&](long p) {
      return api_url + "/repositories/4242/pulls/comments?per_page=100&page=" + std::to_string(p);
    };
    std::vector<std::pair<std::string, std::string>> headers;
    if (page < last) {
      headers.emplace_back(
          "link", replies::link(url(page + 1), "next") + ", " + replies::link(url(last), "last"));
    }
    return json_reply(200, body, headers);
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::int64_t> ids_;
};

class ReviewCommentStream : public ::testing::TestWithParam<store::Backend> {
 protected:
  ReviewCommentStream() : e(GetParam()), listing(350) {
    e.github.pulls = 120;
    graphql.pulls = 120;
    graphql.reset_epoch = e.epoch_now() + 3600;
    e.github.tamper = [this](std::size_t, const github::HttpRequest& request,
                             github::HttpResponse& response) {
      if (request.url == e.github.api_url + "/graphql") response = graphql.answer(request);
      if (request.url.find("/pulls/comments") != std::string::npos) {
        response = listing.page(e.github.api_url, github::page_param(request.url).value_or(1));
        listing_pages.push_back(github::page_param(request.url).value_or(1));
        listing_requests.arrived();
      }
    };
  }

  engine::RunParams params() {
    auto p = e.params();
    p.depth = parse_depth_scope("comments", "--with");
    p.graphql_url = e.github.api_url + "/graphql";
    return p;
  }

  std::set<std::int64_t> stored_ids() {
    const auto ids =
        query_ints(e.db.database.url(), "SELECT github_id FROM comments WHERE kind = 'review'");
    return {ids.begin(), ids.end()};
  }

  ScriptedEngine e;
  ScriptedGraphql graphql;
  ScriptedListing listing;
  std::vector<long> listing_pages;
  ArrivalCount listing_requests;
};

TEST_P(ReviewCommentStream, TheNextPageIsAskedForWhileAPageIsWritten) {
  WatchedStore store(*e.db.store);
  std::vector<bool> next_page_during_write;
  store.before_stream_write = [&](int write) {
    // 350 comments: page `write + 1` is asked for while page `write` is
    // written; the last page (4) has no next.
    if (write < 4) next_page_during_write.push_back(listing_requests.wait_for(write + 1));
  };
  const auto outcome = e.run(params(), store);
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(next_page_during_write, (std::vector<bool>{true, true, true}));
  EXPECT_EQ(listing_pages, (std::vector<long>{1, 2, 3, 4}));
  EXPECT_EQ(stored_ids().size(), 350u);
  // Each page's row counts the requests that brought it, its prefetch
  // included: one each.
  EXPECT_EQ(
      query_ints(e.db.database.url(),
                 "SELECT points FROM backfill_chunks WHERE pr_count = 0 ORDER BY chunk_index"),
      (std::vector<std::int64_t>{1, 1, 1, 1}));
}

TEST_P(ReviewCommentStream, AFailedPageWriteDropsThePrefetchedPage) {
  WatchedStore store(*e.db.store);
  store.before_stream_write = [&](int write) {
    if (write == 2) throw FatalError("disk full");
  };
  const auto failed = e.run(params(), store);
  ASSERT_EQ(failed.result, RunResult::kFailed);
  EXPECT_NE(failed.reason.find("disk full"), std::string::npos) << failed.reason;
  EXPECT_EQ(stored_ids().size(), 100u);  // page 1 alone
  listing_pages.clear();
  // The next run goes on from page 1, the last committed.
  const auto resumed = e.run(params());
  ASSERT_EQ(resumed.result, RunResult::kCompleted) << resumed.reason;
  EXPECT_EQ(listing_pages, (std::vector<long>{1, 2, 3, 4}));
  EXPECT_EQ(stored_ids().size(), 350u);
}

TEST_P(ReviewCommentStream, DeletionsOfMoreThanAPageStepTheResumeBack) {
  auto first = params();
  first.max_chunks = 5;  // 3 chunks of PRs, 2 pages of review comments
  auto paused = e.run(first);
  ASSERT_EQ(paused.result, RunResult::kPaused) << paused.reason;
  EXPECT_EQ(listing_pages, (std::vector<long>{1, 2}));
  EXPECT_EQ(stored_ids().size(), 200u);

  // 150 of the stored ones go: page 2 now starts at id 251, past the last
  // stored (200); page 1 (151..250) holds it.
  listing.erase(1, 150);
  listing_pages.clear();
  auto resumed = e.run(params());
  ASSERT_EQ(resumed.result, RunResult::kCompleted) << resumed.reason;
  EXPECT_EQ(listing_pages, (std::vector<long>{2, 1, 2}));
  std::set<std::int64_t> want;
  for (std::int64_t id = 1; id <= 350; ++id) want.insert(id);  // deleted ones stay stored
  EXPECT_EQ(stored_ids(), want);
  EXPECT_EQ(query_int(e.db.database.url(),
                      "SELECT count(*) FROM comments WHERE line IS NULL AND kind = 'review'"),
            70);
}

TEST_P(ReviewCommentStream, OneDeletionIsCoveredByTheOverlapAlone) {
  auto first = params();
  first.max_chunks = 5;
  ASSERT_EQ(e.run(first).result, RunResult::kPaused);
  // One stored comment goes: id 201 moves back onto page 2 (102..201),
  // which the resume fetches again, so it is not missed.
  listing.erase(10, 10);
  listing_pages.clear();
  auto resumed = e.run(params());
  ASSERT_EQ(resumed.result, RunResult::kCompleted) << resumed.reason;
  EXPECT_EQ(listing_pages, (std::vector<long>{2, 3, 4}));
  EXPECT_EQ(stored_ids().size(), 350u);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewCommentStream,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
