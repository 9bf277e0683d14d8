// Refresh of a depth scope (--with), end to end: the real binary against
// the fake GitHub's GraphQL (real query texts on GitHub's published schema)
// and both engines. After merges, closes, retitles, new and deleted reviews
// and comments, one refresh leaves the database equal to GitHub; an
// unchanged scope costs one request answered 304.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include "e2e/refresh_fixture.hpp"

namespace backfill::testing {
namespace {

using Ids = std::set<std::int64_t>;

class DepthRefresh : public RefreshE2E {
 protected:
  void SetUp() override {
    RefreshE2E::SetUp();
    github_.enable_graphql();
  }

  // The ids GitHub lists at `path` (every page), read with a token of its own.
  Ids github_ids(const std::string& path) {
    Ids ids;
    for (int page = 1;; ++page) {
      auto reply = fake_github::tiny_http::get(
          api_url_, path + "?per_page=100&page=" + std::to_string(page), "Bearer listing-reader");
      EXPECT_EQ(reply.status, 200) << path;
      const auto items = reply.json();
      for (const auto& item : items) ids.insert(item["id"].get<std::int64_t>());
      if (items.size() < 100) break;
    }
    return ids;
  }

  // PR number -> stored ids of `table` rows (comments of `kind`).
  std::map<std::int64_t, Ids> stored_ids(const std::string& repo, const std::string& table,
                                         const std::string& kind = "") {
    const auto slash = repo.find('/');
    std::map<std::int64_t, Ids> out;
    for (const auto& row :
         query(db(), "SELECT p.number, c.github_id FROM " + table +
                         " c JOIN pull_requests p ON p.id = c.pull_request_id"
                         " JOIN repositories r ON r.id = p.repository_id WHERE r.owner = '" +
                         repo.substr(0, slash) + "' AND r.name = '" + repo.substr(slash + 1) + "'" +
                         (kind.empty() ? "" : " AND c.kind = '" + kind + "'"))) {
      out[std::stoll(*row[0])].insert(std::stoll(*row[1]));
    }
    return out;
  }

  // Every PR as GitHub lists it, and every PR's reviews and conversation
  // comments, id for id, with the counts its details hold.
  void expect_depth_equal_to_github(const std::string& repo) {
    EXPECT_EQ(stored(repo), github_listing(repo));
    const auto reviews = stored_ids(repo, "reviews");
    const auto comments = stored_ids(repo, "comments", "issue");
    for (const auto number : github_.pull_numbers(repo)) {
      const std::string n = std::to_string(number);
      const auto at = [](const std::map<std::int64_t, Ids>& m, std::int64_t k) {
        const auto it = m.find(k);
        return it == m.end() ? Ids{} : it->second;
      };
      EXPECT_EQ(at(reviews, number), github_ids("/repos/" + repo + "/pulls/" + n + "/reviews"))
          << repo << "#" << number;
      EXPECT_EQ(at(comments, number), github_ids("/repos/" + repo + "/issues/" + n + "/comments"))
          << repo << "#" << number;
      const auto want = github_.pull_children(repo, number);
      EXPECT_EQ(query_value(db(),
                            "SELECT p.reviews_count || ':' || p.comments_count"
                            " FROM pull_requests p JOIN repositories r"
                            " ON r.id = p.repository_id WHERE p.number = " +
                                n + " AND r.owner || '/' || r.name = '" + repo + "'"),
                std::to_string(want.reviews) + ":" + std::to_string(want.comments))
          << repo << "#" << number;
    }
    github_.clear_requests();
  }

  // A statement the read-only probe cannot run.
  void execute(const std::string& sql) { ASSERT_NO_THROW(execute_statement(db(), sql)) << sql; }

  // The program's requests for the first page of one PR's review comments
  // (a refresh with `comments` lists them for each PR it meets; no PR here
  // has more than 100, so that is every request of theirs).
  std::int64_t review_comment_listings(const std::string& repo) {
    const std::string prefix = "/repos/" + repo + "/pulls/";
    std::int64_t n = 0;
    for (const auto& r : github_.requests()) {
      n += r.path.starts_with(prefix) && r.path.ends_with("/comments") &&
           r.path != prefix + "comments";
    }
    return n;
  }

  std::int64_t graphql_remaining() {
    auto reply =
        fake_github::tiny_http::get(api_url_, "/rate_limit", std::string("Bearer ") + kTestToken);
    return reply.json()["resources"]["graphql"]["remaining"].get<std::int64_t>();
  }

  void backfill_deep(const std::string& repo) {
    auto r = run({"--repo", repo, "--with", "all"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(query_value(db(), "SELECT status FROM backfill_scopes"), "completed");
  }
};

TEST_P(DepthRefresh, OneRefreshMakesPullsReviewsAndCommentsEqualGitHubDeletionsIncluded) {
  const std::string repo = "octo/deep-fresh";
  github_.add_repository(repo, 40, {.seed = 5});
  github_.set_pull_children(repo, 5, {230, 130, 0});  // heavy: follow-ups
  github_.set_pull_children(repo, 6, {3, 2, 0});
  backfill_deep(repo);
  // Inline review comments (the backfill's REST stream stored them; one
  // more added here, on a PR whose conversation changes, that GitHub does
  // not have): the refresh makes each met PR's GitHub's (PR 7's all go).
  execute(
      "INSERT INTO comments (id, github_id, kind, pull_request_id, repository_id,"
      " pull_request_number) SELECT '00000000-0000-4000-8000-00000000abcd', 424242, 'review',"
      " p.id, p.repository_id, p.number FROM pull_requests p WHERE p.number = 6");

  std::vector<std::int64_t> open;
  for (const auto n : numbers_where(repo, "open")) {
    if (n > 7) open.push_back(n);
  }
  ASSERT_GE(open.size(), 3u);
  const auto before7 = github_.pull_children(repo, 7);
  const auto review_comments =
      query_int(db(), "SELECT count(*) FROM comments WHERE kind = 'review'");
  ASSERT_GT(review_comments, 1);
  github_.change_pull(repo, open[0], "merge");
  github_.change_pull(repo, open[1], "close");
  github_.change_pull(repo, open[2], "retitle");
  github_.change_pull_children(repo, 5, {180, 101, 0});  // deleted across follow-up pages
  github_.change_pull_children(repo, 6, {5, 0, 0});      // new comments, every review deleted
  github_.change_pull_children(repo, 7, {0, 4, 0});
  github_.open_pulls(repo, 2);

  auto r = run({"--repo", repo, "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto listings = review_comment_listings(repo);
  const auto line = result_line(r);
  EXPECT_EQ(line["refresh"], "changed") << r.out;
  EXPECT_EQ(line["scope"], "comments,details,reviews") << r.out;
  EXPECT_EQ(line["changed"], 8) << r.out;  // six changed, two new
  EXPECT_EQ(line["reviews_deleted"], 29 + 2 + std::max<std::int64_t>(0, before7.reviews - 4))
      << r.out;
  EXPECT_EQ(line["comments_deleted"], 50 + before7.comments) << r.out;
  EXPECT_GT(line["points"].get<std::int64_t>(), 0) << r.out;
  // The REST check came back 200; each PR met had its review comments listed.
  EXPECT_GE(listings, 8);
  EXPECT_EQ(line["rate_limit_points"], 1 + listings) << r.out;
  EXPECT_EQ(line["review_comments_deleted"], 1 + before7.review_comments) << r.out;
  expect_depth_equal_to_github(repo);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE kind = 'review'"),
            static_cast<std::int64_t>(github_ids("/repos/" + repo + "/pulls/comments").size()));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE github_id = 424242"), 0);
  EXPECT_TRUE(query_value(db(),
                          "SELECT watermark FROM refresh_state WHERE scope = "
                          "'comments,details,reviews'")
                  .has_value());
  EXPECT_EQ(query_value(db(), "SELECT status FROM backfill_scopes"), "completed");
}

// A refresh page with several heavy PRs: their follow-ups share each round
// (one query, an aliased slot per PR still having more, 1 point), and each
// PR's children are still replaced exactly, deletions included.
TEST_P(DepthRefresh, HeavyPullRequestsOfARefreshPageShareEachFollowUpQuery) {
  const std::string repo = "octo/deep-busy";
  github_.add_repository(repo, 30, {.seed = 7});
  github_.set_pull_children(repo, 3, {250, 160, 0});
  github_.set_pull_children(repo, 9, {170, 330, 0});
  github_.set_pull_children(repo, 14, {420, 120, 0});
  backfill_deep(repo);
  github_.change_pull_children(repo, 3, {180, 260, 0});  // deleted comments, new reviews
  github_.change_pull_children(repo, 9, {300, 110, 0});
  github_.change_pull_children(repo, 14, {390, 150, 0});
  github_.clear_requests();

  // The default chunk size (50) walks pages of 49 PRs, 1 point each, as the
  // backfill's pass does.
  auto r = run({"--repo", repo, "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto requests = github_.requests();  // before the comparison's own
  expect_depth_equal_to_github(repo);

  // The rounds the heaviest PR needs: its pages beyond the first 100 of each kind.
  const auto pages = [](std::int64_t n) { return (n + 99) / 100; };
  std::int64_t rounds = 0;
  for (std::int64_t n = 1; n <= 30; ++n) {
    const auto children = github_.pull_children(repo, n);
    rounds = std::max(
        rounds, std::max({pages(children.reviews), pages(children.comments), std::int64_t{1}}) - 1);
  }
  std::int64_t follow_ups = 0;
  std::int64_t most_slots = 0;
  for (const auto& request : requests) {
    if (request.path != "/graphql") continue;
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body["variables"].contains("id0")) continue;
    ++follow_ups;
    std::int64_t slots = 0;
    while (body["variables"].contains("id" + std::to_string(slots))) ++slots;
    most_slots = std::max(most_slots, slots);
  }
  EXPECT_EQ(follow_ups, rounds);
  EXPECT_EQ(most_slots, 3);  // #3, #9 and #14 in one query
  // One page of PRs by update (30 fit one), then the rounds: 1 point each.
  EXPECT_EQ(result_line(r)["points"], 1 + rounds) << r.out;
}

TEST_P(DepthRefresh, AnUnchangedScopeCostsOneRequestAnswered304) {
  const std::string repo = "octo/deep-quiet";
  github_.add_repository(repo, 30);
  backfill_deep(repo);
  github_.change_pull_children(repo, 3, {4, 1, 0});
  auto first = run({"refresh", "--repo", repo, "--with", "all"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(result_line(first)["changed"], 1) << first.out;

  const auto core_remaining = result_line(first)["rate_limit"]["remaining"];
  const auto graphql_before = graphql_remaining();
  github_.clear_requests();
  auto r = run({"refresh", "--repo", repo, "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto requests = github_.requests();
  ASSERT_EQ(requests.size(), 1u) << r.err;
  EXPECT_EQ(requests[0].status, 304);
  EXPECT_NE(requests[0].query.find("sort=updated&direction=desc"), std::string::npos);
  const auto line = result_line(r);
  EXPECT_EQ(line["refresh"], "unchanged") << r.out;
  EXPECT_EQ(line["requests"], 1) << r.out;
  EXPECT_EQ(line["rate_limit_points"], 0) << r.out;
  EXPECT_EQ(line["points"], 0) << r.out;
  EXPECT_EQ(line["rate_limit"]["remaining"], core_remaining) << r.out;
  EXPECT_EQ(graphql_remaining(), graphql_before);
  github_.clear_requests();
  expect_depth_equal_to_github(repo);
}

TEST_P(DepthRefresh, APullRequestWhoseChildrenChangeDuringTheWalkIsCaughtByTheNextRefresh) {
  const std::string repo = "octo/deep-moving";
  github_.add_repository(repo, 40);
  backfill_deep(repo);
  ASSERT_EQ(run({"--repo", repo, "--with", "all"}).exit_code, 0);
  github_.open_pulls(repo, 60);  // pages of 25: three to walk
  std::atomic<std::int64_t> skew{0};
  github_.set_clock([&skew] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count() +
           skew.load();
  });
  // While the second GraphQL page is asked for, an old PR (below the
  // watermark) gets a comment a minute later: it moves to the top.
  github_.clear_requests();
  std::atomic<int> graphql_pages{0};
  github_.on_request([&](std::size_t, const fake_github::RecordedRequest& request) {
    if (request.path != "/graphql" || ++graphql_pages != 2) return;
    skew = 60;
    github_.change_pull_children(repo, 2, {13, 3, 0});  // above any generated count
  });
  auto first = run({"--repo", repo, "--with", "all", "--chunk-size", "25"});
  github_.on_request(nullptr);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(result_line(first)["changed"], 60) << first.out;
  EXPECT_NE(stored_ids(repo, "comments", "issue")[2].size(), 13u);  // not yet

  auto second = run({"--repo", repo, "--with", "all"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(result_line(second)["changed"], 1) << second.out;
  expect_depth_equal_to_github(repo);
}

TEST_P(DepthRefresh, AScopeStillMidBackfillIsRefusedAndItsBackfillResumes) {
  const std::string repo = "octo/deep-halfway";
  github_.add_repository(repo, 90);
  auto partial = run({"--repo", repo, "--with", "all", "--chunk-size", "25", "--max-chunks", "1"});
  ASSERT_EQ(partial.exit_code, 75) << partial.out << partial.err;
  auto r = run({"refresh", "--repo", repo, "--with", "all"});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // the backfill's: it completed
  EXPECT_NE(r.err.find("refresh of octo/deep-halfway (comments,details,reviews) refused: its "
                       "backfill of comments,details,reviews is paused (25 of 90 PRs stored)"),
            std::string::npos)
      << r.err;
  const auto line = result_line(r);
  EXPECT_EQ(line["refresh"], "refused") << r.out;
  EXPECT_EQ(line["status"], "completed") << r.out;
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM refresh_state"), 0);
  expect_depth_equal_to_github(repo);
}

TEST_P(DepthRefresh, RefreshAllRefreshesTheDepthTrackedRepositoriesAreScheduledWith) {
  for (const char* name : {"deep/a", "deep/b"}) {
    github_.add_repository(name, 20);
  }
  ASSERT_EQ(run({"track", "--with", "all", "deep/a", "deep/b"}).exit_code, 0);
  for (const char* name : {"deep/a", "deep/b"}) {
    auto r = run({"--repo", name, "--with", "all"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(run({"refresh", "--repo", name}).exit_code, 0);  // the tracked depth
  }
  github_.change_pull_children("deep/b", 4, {9, 9, 0});
  github_.clear_requests();

  auto r = run({"refresh", "--all"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto summary = result_line(r)["summary"];
  EXPECT_EQ(summary["unchanged"], 1) << r.out;
  EXPECT_EQ(summary["changed"], 1) << r.out;
  EXPECT_EQ(summary["changed_prs"], 1) << r.out;
  // deep/a's check was a 304; deep/b's came back 200, and each PR its walk
  // met had its review comments listed.
  EXPECT_EQ(review_comment_listings("deep/a"), 0);
  EXPECT_GE(review_comment_listings("deep/b"), 1);
  EXPECT_EQ(summary["rate_limit_points"], 1 + review_comment_listings("deep/b")) << r.out;
  EXPECT_GT(summary["graphql_points"].get<std::int64_t>(), 0) << r.out;
  EXPECT_NE(r.out.find("\"scope\":\"comments,details,reviews\""), std::string::npos) << r.out;
  // The summary's children are the sums of the depth lines' (deep/a's 304
  // line has none; deep/b's walk met PR 4 with its 9 reviews and comments).
  const std::vector<std::string> children = {"reviews",          "comments",
                                             "review_comments",  "reviews_deleted",
                                             "comments_deleted", "review_comments_deleted"};
  std::map<std::string, std::int64_t> sums;
  std::istringstream lines(r.out);
  for (std::string text; std::getline(lines, text);) {
    const auto line = nlohmann::json::parse(text);
    if (!line.contains("scope")) continue;
    for (const auto& key : children) sums[key] += line.value(key, std::int64_t{0});
  }
  EXPECT_GE(sums["reviews"], 9) << r.out;
  EXPECT_GE(sums["comments"], 9) << r.out;
  for (const auto& key : children) EXPECT_EQ(summary[key], sums[key]) << key << ": " << r.out;
  for (const char* name : {"deep/a", "deep/b"}) expect_depth_equal_to_github(name);
}

BACKFILL_E2E_BACKENDS(DepthRefresh);

}  // namespace
}  // namespace backfill::testing
