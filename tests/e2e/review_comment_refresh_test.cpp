// A refresh of a depth scope with `comments`, end to end (the real binary,
// the fake GitHub's GraphQL and REST, both engines): inline review comments
// added, edited and deleted after the scope completed become exactly
// GitHub's (GET /repos/{o}/{r}/pulls/{n}/comments of each PR the walk
// meets), conversation comments are left as they were, an unchanged scope
// still costs one request answered 304, and `status` and
// `check-migration-status` judge a depth scope by its own refresh.

#include <map>
#include <regex>
#include <set>

#include "e2e/refresh_fixture.hpp"
#include "e2e/review_comment_fields.hpp"

namespace backfill::testing {
namespace {

constexpr const char* kScope = "comments,details,reviews";

class ReviewCommentRefresh : public RefreshE2E {
 protected:
  void SetUp() override {
    RefreshE2E::SetUp();
    github_.enable_graphql();
  }

  // GitHub's review comments of `repo` (or of one PR), read with a token of
  // its own so that the program's budget is untouched.
  ReviewCommentFields on_github(const std::string& repo, std::optional<std::int64_t> pull = {}) {
    const std::string listing =
        "/repos/" + repo + "/pulls/" + (pull ? std::to_string(*pull) + "/" : "") + "comments";
    return listed_review_comments(api_url_, listing, "Bearer listing-reader");
  }

  // PR number -> the program's requests for that PR's review comments (the
  // first page by name, the next ones as GitHub's Link gives them, by id).
  std::map<std::int64_t, int> review_comment_requests(const std::string& repo) {
    const std::regex per_pull("/(repos/" + repo + "|repositories/[0-9]+)/pulls/([0-9]+)/comments");
    std::map<std::int64_t, int> out;
    for (const auto& r : github_.requests()) {
      std::smatch m;
      if (std::regex_match(r.path, m, per_pull)) ++out[std::stoll(m[2])];
    }
    return out;
  }

  // Every conversation comment of the database, as stored.
  std::vector<Row> issue_comments() {
    return query(db(),
                 "SELECT github_id, pull_request_id, author_id, body, created_at, updated_at"
                 " FROM comments WHERE kind = 'issue' ORDER BY github_id");
  }

  void backfill_deep(const std::string& repo) {
    auto r = run({"--repo", repo, "--with", "all"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(query_value(db(), "SELECT status FROM backfill_scopes"), "completed");
  }

  // A statement the read-only probe cannot run.
  void execute(const std::string& sql) { ASSERT_NO_THROW(execute_statement(db(), sql)) << sql; }

  // The depth scope's row of check-migration-status --json.
  nlohmann::json scope_verdict() {
    auto r = run({"check-migration-status", "--json", "--stale-after", "24h"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto report = nlohmann::json::parse(r.out);
    for (const auto& row : report["scopes"]) {
      if (row["scope"] == kScope) return row;
    }
    ADD_FAILURE() << "no row for the depth scope: " << r.out;
    return {};
  }
};

TEST_P(ReviewCommentRefresh, AddedEditedAndDeletedReviewCommentsBecomeGitHubsExactly) {
  const std::string repo = "octo/inline-fresh";
  github_.add_repository(repo, 40, {.seed = 7});
  github_.set_pull_children(repo, 5, {2, 3, 250});  // three pages of its own
  github_.set_pull_children(repo, 6, {3, 2, 6});
  github_.set_pull_children(repo, 7, {1, 1, 4});
  github_.set_pull_children(repo, 8, {0, 1, 3});
  backfill_deep(repo);
  ASSERT_EQ(stored_review_comments(db(), repo), on_github(repo));
  // A review comment GitHub does not have (deleted while the stream ran).
  execute(
      "INSERT INTO comments (id, github_id, kind, pull_request_id, repository_id,"
      " pull_request_number) SELECT '00000000-0000-4000-8000-00000000abcd', 424242, 'review',"
      " p.id, p.repository_id, p.number FROM pull_requests p WHERE p.number = 6");
  const auto conversation = issue_comments();
  ASSERT_FALSE(conversation.empty());

  github_.change_pull_children(repo, 5, {2, 3, 120});  // 130 deleted, across its pages
  github_.edit_review_comment(repo, 6, 1);
  github_.edit_review_comment(repo, 6, 4);
  github_.change_pull_children(repo, 7, {1, 1, 9});  // 5 added
  github_.change_pull_children(repo, 8, {0, 1, 1});  // 2 deleted...
  github_.edit_review_comment(repo, 8, 0);           // ...and the one left edited
  github_.clear_requests();

  auto r = run({"--repo", repo, "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto asked = review_comment_requests(repo);
  const auto line = result_line(r);
  EXPECT_EQ(line["refresh"], "changed") << r.out;
  EXPECT_EQ(line["changed"], 4) << r.out;
  for (const std::int64_t n : {5, 6, 7, 8}) EXPECT_TRUE(asked.count(n)) << "#" << n;
  EXPECT_EQ(asked.at(5), 2);  // 120 review comments: two pages
  std::int64_t met_comments = 0, listing_requests = 0;
  for (const auto& [number, requests] : asked) {
    listing_requests += requests;
    met_comments += static_cast<std::int64_t>(on_github(repo, number).size());
  }
  EXPECT_EQ(line["review_comments"], met_comments) << r.out;
  EXPECT_EQ(line["review_comments_deleted"], 130 + 2 + 1) << r.out;
  // The REST check, and one request per 100 review comments of each PR met.
  EXPECT_EQ(line["rate_limit_points"], 1 + listing_requests) << r.out;
  EXPECT_EQ(line["reviews_deleted"], 0) << r.out;
  EXPECT_EQ(line["comments_deleted"], 0) << r.out;

  // Field by field, the edits' bodies and times included; the stray one gone.
  const auto want = on_github(repo);
  EXPECT_EQ(stored_review_comments(db(), repo), want);
  EXPECT_EQ(stored_review_comments(db(), repo, " AND c.pull_request_number = 5").size(), 120u);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE github_id = 424242"), 0);
  EXPECT_EQ(issue_comments(), conversation);

  // Nothing changed since: one request, answered 304, no listing asked for.
  github_.clear_requests();
  auto again = run({"--repo", repo, "--with", "all"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  const auto requests = github_.requests();
  ASSERT_EQ(requests.size(), 1u) << again.err;
  EXPECT_EQ(requests[0].status, 304);
  EXPECT_EQ(result_line(again)["refresh"], "unchanged") << again.out;
  EXPECT_EQ(result_line(again)["review_comments"], 0) << again.out;
  EXPECT_EQ(result_line(again)["rate_limit_points"], 0) << again.out;
  EXPECT_EQ(stored_review_comments(db(), repo), want);
}

TEST_P(ReviewCommentRefresh, AScopeWithoutCommentsNeverAsksForReviewComments) {
  const std::string repo = "octo/inline-reviews";
  github_.add_repository(repo, 20);
  auto first = run({"--repo", repo, "--with", "reviews"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  github_.change_pull_children(repo, 3, {2, 2, 5});
  github_.clear_requests();
  auto r = run({"--repo", repo, "--with", "reviews"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(result_line(r)["changed"], 1) << r.out;
  EXPECT_TRUE(review_comment_requests(repo).empty());
  EXPECT_EQ(result_line(r)["review_comments"], 0) << r.out;
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM comments WHERE kind = 'review'"), 0);
}

TEST_P(ReviewCommentRefresh, StatusShowsTheFreshnessOfADepthScope) {
  const std::string repo = "octo/inline-status";
  github_.add_repository(repo, 20);
  backfill_deep(repo);
  const std::string label = repo + " (" + kScope + "): ";
  auto before = run({"status", "--repo", repo});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_NE(before.out.find(label + "completed, never refreshed\n"), std::string::npos)
      << before.out;

  github_.change_pull_children(repo, 4, {1, 1, 2});
  github_.change_pull_children(repo, 9, {0, 1, 1});
  auto refresh = run({"refresh", "--repo", repo, "--with", "all"});
  ASSERT_EQ(refresh.exit_code, 0) << refresh.out << refresh.err;
  ASSERT_EQ(result_line(refresh)["changed"], 2) << refresh.out;
  const auto refreshed_at = query_value(
      db(), std::string("SELECT refreshed_at FROM refresh_state WHERE scope = '") + kScope + "'");
  ASSERT_TRUE(refreshed_at.has_value());
  std::string iso = *refreshed_at;  // PostgreSQL's text has a space and no Z
  if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
  if (iso.back() != 'Z') iso += 'Z';

  auto text = run({"status", "--repo", repo});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(
      text.out.find(label + "fresh as of " + iso + " (the last refresh found 2 PRs changed)\n"),
      std::string::npos)
      << text.out;
  auto json = run({"status", "--repo", repo, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  bool found = false;
  for (const auto& row : nlohmann::json::parse(json.out)) {
    if (row["scope"] != kScope) continue;
    found = true;
    EXPECT_EQ(row["status"], "completed") << row.dump();
    EXPECT_EQ(row["fresh_as_of"], iso) << row.dump();
    EXPECT_EQ(row["refresh_changed"], 2) << row.dump();
  }
  EXPECT_TRUE(found) << json.out;
}

// check-migration-status judges each depth scope by its own refresh_state
// row (fleet/migration_status.cpp), not by the list scope's.
TEST_P(ReviewCommentRefresh, ADepthScopeIsStaleByItsOwnRefresh) {
  const std::string repo = "octo/inline-stale";
  github_.add_repository(repo, 20);
  ASSERT_EQ(run({"track", "--with", "all", repo}).exit_code, 0);
  backfill_deep(repo);
  EXPECT_EQ(scope_verdict()["verdict"], "complete");
  // Completed two days ago and never refreshed since: stale.
  execute("UPDATE backfill_scopes SET completed_at = '2020-01-01T00:00:00Z'");
  auto stale = scope_verdict();
  EXPECT_EQ(stale["verdict"], "stale") << stale.dump();
  EXPECT_NE(stale["detail"].get<std::string>().find("never refreshed"), std::string::npos)
      << stale.dump();

  ASSERT_EQ(run({"refresh", "--repo", repo, "--with", "all"}).exit_code, 0);
  EXPECT_EQ(scope_verdict()["verdict"], "complete");
  // The list scope's refresh does not count for the depth scope.
  execute(std::string("UPDATE refresh_state SET refreshed_at = '2020-01-02T00:00:00Z'"
                      " WHERE scope = '") +
          kScope + "'");
  execute("DELETE FROM refresh_state WHERE scope = 'list'");
  execute(
      "INSERT INTO refresh_state (repository_id, scope, refreshed_at, changed)"
      " SELECT repository_id, 'list', completed_at, 0 FROM backfill_scopes");
  stale = scope_verdict();
  EXPECT_EQ(stale["verdict"], "stale") << stale.dump();
  EXPECT_NE(stale["detail"].get<std::string>().find("last refreshed 2020-01-02"), std::string::npos)
      << stale.dump();
}

BACKFILL_E2E_BACKENDS(ReviewCommentRefresh);

}  // namespace
}  // namespace backfill::testing
