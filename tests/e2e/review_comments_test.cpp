// `--with comments` stores every inline review comment through the
// repository-wide stream (GET /repos/{o}/{r}/pulls/comments) after the
// GraphQL PR pass: equal to the fake GitHub's listing, linked to the right
// PR, authors in contributors; a run stopped or killed in the middle of the
// stream resumes straight into it, exactly; `--with details` never asks.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "e2e/review_comment_fields.hpp"
#include "fake_github/http_get.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

bool is_review_comment_listing(const fake_github::RecordedRequest& r) {
  const std::string suffix = "/pulls/comments";
  return r.path.size() > suffix.size() &&
         r.path.compare(r.path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

long page_of(const fake_github::RecordedRequest& r) {
  const std::string params = "&" + r.query;
  const auto at = params.find("&page=");
  return at == std::string::npos ? 1 : std::stol(params.substr(at + 6));
}

class ReviewComments : public BackfillE2E {
 protected:
  void SetUp() override {
    BackfillE2E::SetUp();
    github_.enable_graphql();
  }

  // Every review comment of the fake's listing, by id, as the fields the
  // comments table keeps, flattened to text.
  ReviewCommentFields listed(const std::string& repo) {
    return listed_review_comments(github_.base_url(), "/repos/" + repo + "/pulls/comments",
                                  std::string("Bearer ") + kTestToken);
  }

  // The same fields of every stored review comment.
  ReviewCommentFields stored(const std::string& repo) { return stored_review_comments(db(), repo); }

  // `unlinked`: numbers of PRs not stored yet, whose comments are kept
  // without a link.
  void expect_every_review_comment(const std::string& repo,
                                   const std::vector<std::string>& unlinked = {}) {
    auto want = listed(repo);
    for (auto& [id, fields] : want) {
      if (std::find(unlinked.begin(), unlinked.end(), fields[0]) != unlinked.end()) {
        fields[1] = "null";
      }
    }
    ASSERT_FALSE(want.empty());
    const auto have = stored(repo);
    EXPECT_EQ(have.size(), want.size());
    EXPECT_EQ(have, want);
    EXPECT_EQ(query_int(db(),
                        "SELECT count(*) FROM (SELECT kind, github_id FROM comments"
                        " GROUP BY kind, github_id HAVING count(*) > 1) d"),
              0);
  }

  std::vector<fake_github::RecordedRequest> listing_requests() {
    std::vector<fake_github::RecordedRequest> out;
    for (const auto& r : github_.requests()) {
      if (is_review_comment_listing(r)) out.push_back(r);
    }
    return out;
  }

  std::size_t graphql_requests() {
    std::size_t n = 0;
    for (const auto& r : github_.requests()) n += r.path == "/graphql";
    return n;
  }

  std::string scope_status() {
    return query_value(db(), "SELECT status FROM backfill_scopes").value_or("none");
  }
};

TEST_P(ReviewComments, WithCommentsStoresEveryReviewCommentOfTheListing) {
  github_.add_repository("octo/inline", 130);
  github_.set_pull_children("octo/inline", 5, {0, 3, 250});  // pages of one PR alone
  github_.set_pull_children("octo/inline", 6, {0, 0, 0});

  auto r = run({"--repo", "octo/inline", "--with", "comments"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto pages = listing_requests();  // before the test's own reads of the listing
  expect_every_review_comment("octo/inline");
  EXPECT_EQ(scope_status(), "completed");
  // Deleted accounts among the authors: no author, never a contributor.
  EXPECT_GT(query_int(db(),
                      "SELECT count(*) FROM comments WHERE kind = 'review'"
                      " AND author_id IS NULL"),
            0);
  // Every review comment is linked to its PR (all were stored by the pass).
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE pull_request_id IS NULL"), 0);
  EXPECT_EQ(query_int(db(),
                      "SELECT count(*) FROM comments c JOIN pull_requests p"
                      " ON p.id = c.pull_request_id WHERE c.kind = 'review' AND p.number = 5"),
            250);
  // One request per 100 comments, in order, and the stream's points and
  // pages are the scope's.
  const auto comments = static_cast<long>(listed("octo/inline").size());
  ASSERT_EQ(static_cast<long>(pages.size()), (comments + 99) / 100);
  for (std::size_t i = 0; i < pages.size(); ++i) EXPECT_EQ(page_of(pages[i]), long(i) + 1);
  EXPECT_EQ(query_int(db(),
                      "SELECT count(*) FROM backfill_chunks WHERE pr_count = 0"
                      " AND cursor LIKE 'review_comments page %'"),
            static_cast<std::int64_t>(pages.size()));
  EXPECT_EQ(query_int(db(), "SELECT sum(points) FROM backfill_chunks WHERE pr_count = 0"),
            static_cast<std::int64_t>(pages.size()));

  // Run again: the scope is completed, so this is a refresh of it (GitHub
  // answers 304: nothing changed); nothing doubled.
  github_.clear_requests();
  auto again = run({"--repo", "octo/inline", "--with", "comments"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(listing_requests().empty());
  expect_every_review_comment("octo/inline");
}

TEST_P(ReviewComments, StoppedAndKilledInTheStreamResumeExactly) {
  github_.add_repository("octo/cut", 120);
  github_.set_pull_children("octo/cut", 40, {0, 2, 420});
  // 3 chunks of PRs, then the stream's pages: stopped after 2 of them.
  auto stopped =
      run({"--repo", "octo/cut", "--with", "comments", "--chunk-size", "50", "--max-chunks", "5"});
  ASSERT_EQ(stopped.exit_code, 75) << stopped.out << stopped.err;
  EXPECT_EQ(scope_status(), "paused");
  EXPECT_EQ(listing_requests().size(), 2u);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE kind = 'review'"), 200);

  // Resumed: no GraphQL (the PR pass has ended), the stream from its last
  // page; killed on its second listing request.
  github_.clear_requests();
  std::atomic<pid_t> victim{0};
  std::atomic<int> listing_seen{0};
  github_.on_request([&](std::size_t, const fake_github::RecordedRequest& request) {
    if (is_review_comment_listing(request) && ++listing_seen == 2 && victim.load() > 0) {
      ::kill(victim.load(), SIGKILL);
    }
  });
  auto child = start({"--repo", "octo/cut", "--with", "comments", "--chunk-size", "50"});
  victim = child->pid();
  auto killed = child->wait(std::chrono::seconds(60));
  EXPECT_EQ(killed.signal, SIGKILL);
  github_.on_request(nullptr);
  EXPECT_EQ(graphql_requests(), 0u);
  ASSERT_GE(listing_requests().size(), 1u);
  EXPECT_EQ(page_of(listing_requests().front()), 2);

  github_.clear_requests();
  auto resumed = run({"--repo", "octo/cut", "--with", "comments", "--chunk-size", "50"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_EQ(graphql_requests(), 0u);
  EXPECT_EQ(scope_status(), "completed");
  expect_every_review_comment("octo/cut");
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE pull_request_id IS NULL"), 0);
}

TEST_P(ReviewComments, CommentsOfPullsOpenedDuringTheStreamAreKeptThenLinked) {
  github_.add_repository("octo/late", 60);
  // PRs opened once the pass has ended: their review comments come in the
  // listing before their PRs are stored.
  std::atomic<bool> opened{false};
  github_.on_request([&](std::size_t, const fake_github::RecordedRequest& request) {
    if (is_review_comment_listing(request) && !opened.exchange(true)) {
      github_.open_pulls("octo/late", 2);
      github_.set_pull_children("octo/late", 61, {0, 1, 4});
      github_.set_pull_children("octo/late", 62, {0, 1, 3});
    }
  });
  auto first = run({"--repo", "octo/late", "--with", "comments"});
  github_.on_request(nullptr);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(query_ints(db(),
                       "SELECT pull_request_number FROM comments"
                       " WHERE pull_request_id IS NULL ORDER BY 1"),
            (std::vector<std::int64_t>{61, 61, 61, 61, 62, 62, 62}));
  expect_every_review_comment("octo/late", {"61", "62"});

  // The next run's pass stores #61 and #62 and links their comments.
  auto second = run({"--repo", "octo/late", "--with", "comments"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE pull_request_id IS NULL"), 0);
  expect_every_review_comment("octo/late");
}

TEST_P(ReviewComments, WithDetailsOnlyAsksForNoReviewComment) {
  github_.add_repository("octo/plain", 40);
  auto r = run({"--repo", "octo/plain", "--with", "details"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(listing_requests().empty());
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments"), 0);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM backfill_streams"), 0);
}

BACKFILL_E2E_BACKENDS(ReviewComments);

}  // namespace
}  // namespace backfill::testing
