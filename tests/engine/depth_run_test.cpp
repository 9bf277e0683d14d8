// A depth backfill (--with) through the scripted GraphQL endpoint, on both
// engines: everything stored exactly, follow-ups for heavy PRs, resumes
// from the stored endCursor, heavy queries shrink the page, partial data is
// never stored, NOT_FOUND ends the run at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "backfill/core/depth_scope.hpp"
#include "backfill/core/errors.hpp"
#include "support/db_probe.hpp"
#include "support/scripted_github.hpp"
#include "support/scripted_graphql.hpp"
#include "support/watched_store.hpp"

namespace backfill::testing {
namespace {

using engine::RunResult;
using nlohmann::json;

class DepthRun : public ::testing::TestWithParam<store::Backend> {
 protected:
  DepthRun() : e(GetParam()) {
    e.github.pulls = 120;
    graphql.pulls = 120;
    graphql.reset_epoch = e.epoch_now() + 3600;
    e.github.tamper = [this](std::size_t, const github::HttpRequest& request,
                             github::HttpResponse& response) {
      if (request.url == e.github.api_url + "/graphql") response = graphql.answer(request);
    };
  }

  engine::RunParams depth_params(const std::string& with = "all") {
    auto p = e.params();
    p.depth = parse_depth_scope(with, "--with");
    p.graphql_url = e.github.api_url + "/graphql";
    return p;
  }

  std::int64_t count(const std::string& sql) { return query_int(e.db.database.url(), sql); }

  std::int64_t sum_over_pulls(const std::function<std::int64_t(std::int64_t)>& f) {
    std::int64_t total = 0;
    for (std::int64_t n = 1; n <= graphql.pulls; ++n) total += f(n);
    return total;
  }

  void expect_everything_stored() {
    EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), graphql.pulls);
    EXPECT_EQ(count("SELECT count(*) FROM pull_requests WHERE details_fetched_at IS NULL"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM reviews"), sum_over_pulls(graphql.reviews_of));
    EXPECT_EQ(count("SELECT count(*) FROM comments WHERE kind = 'issue'"),
              sum_over_pulls(graphql.comments_of));
    EXPECT_EQ(count("SELECT count(*) FROM comments WHERE pull_request_id IS NULL"), 0);
  }

  ScriptedEngine e;
  ScriptedGraphql graphql;
};

TEST_P(DepthRun, StoresEveryPullRequestWithDetailsReviewsAndComments) {
  auto outcome = e.run(depth_params("all"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(outcome.scope, "comments,details,reviews");
  EXPECT_EQ(outcome.total_processed, 120);
  EXPECT_GT(outcome.points, 0);
  expect_everything_stored();
  // 64-bit ids as GitHub sends them (BigInt strings), REST's ids.
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests WHERE github_id = 5000000120"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM reviews WHERE github_id = " +
                  std::to_string(ScriptedGraphql::review_id(7, 2))),
            1);
  // Details: #9 has 27 additions, 9 deletions, 1 + 9 % 4 commits, merged (9 % 3 == 0).
  EXPECT_EQ(count("SELECT additions + deletions * 1000 + commits_count * 1000000"
                  " FROM pull_requests WHERE number = 9"),
            27 + 9 * 1000 + 2 * 1000000);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests WHERE number = 9 AND state = 'closed'"
                  " AND merged_by_id IS NOT NULL AND merge_commit_sha = 'abc9'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests WHERE review_decision = 'APPROVED'"), 30);
  // A deleted author (ghost) has no contributor; a bot keeps REST's login.
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests WHERE number = 3 AND author_id IS NULL"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM contributors WHERE github_id = 49699333"
                  " AND login = 'dependabot[bot]' AND type = 'Bot'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests p JOIN contributors c ON c.id = p.author_id"
                  " WHERE p.number = 5 AND c.github_id = 49699333"),
            1);
  // An empty body is null, as REST sends it.
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests WHERE number = 5 AND body IS NULL"), 1);
  // The scope's progress, apart from the list-only backfill's.
  EXPECT_EQ(count("SELECT count(*) FROM backfill_progress"), 0);
  const auto scopes = e.db.store->scopes(std::nullopt);
  ASSERT_EQ(scopes.size(), 1u);
  EXPECT_EQ(scopes[0].scope, "comments,details,reviews");
  EXPECT_EQ(scopes[0].status, store::Status::kCompleted);
  EXPECT_EQ(scopes[0].total_processed, 120);
  // 3 GraphQL pages, then the review comment stream's one page (1 REST
  // request, 1 point; outcome.points counts GraphQL's only).
  EXPECT_EQ(scopes[0].chunks, 3 + 1);
  EXPECT_EQ(scopes[0].points_used, outcome.points + 1);
  EXPECT_EQ(count("SELECT sum(points) FROM backfill_chunks WHERE scope_id IS NOT NULL"),
            outcome.points + 1);
  EXPECT_EQ(count("SELECT sum(points) FROM backfill_chunks WHERE pr_count = 0"), 1);
}

TEST_P(DepthRun, OnlyTheAskedKindsAreStored) {
  auto outcome = e.run(depth_params("reviews"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(outcome.scope, "details,reviews");
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), sum_over_pulls(graphql.reviews_of));
  EXPECT_EQ(count("SELECT count(*) FROM comments"), 0);
  // The conversation count is a detail all the same.
  EXPECT_EQ(count("SELECT sum(comments_count) FROM pull_requests"),
            sum_over_pulls(graphql.comments_of));
}

TEST_P(DepthRun, HeavyPullRequestsGetFollowUpsUntilEveryChildIsStored) {
  graphql.reviews_of = [](std::int64_t n) { return n == 7 ? 250 : n == 8 ? 50 : n % 4; };
  graphql.comments_of = [](std::int64_t n) { return n == 7 ? 2345 : n == 9 ? 51 : n % 3; };
  auto outcome = e.run(depth_params("all"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  expect_everything_stored();
  EXPECT_EQ(count("SELECT count(*) FROM comments c JOIN pull_requests p ON p.id = c.pull_request_id"
                  " WHERE p.number = 7"),
            2345);
  EXPECT_EQ(count("SELECT count(*) FROM reviews r JOIN pull_requests p ON p.id = r.pull_request_id"
                  " WHERE p.number = 7"),
            250);
  // 3 pages of 49 PRs (or fewer); #7: 23 more comment pages and 2 more of
  // reviews (together while both last); #8's 50 reviews and #9's 51
  // comments fit the page (100 children per PR).
  EXPECT_EQ(graphql.requests(), 3u + 23u);
}

// The follow-up pages one PR needs beyond the page's first 100 of each kind.
std::int64_t follow_up_pages(std::int64_t reviews, std::int64_t comments) {
  const auto pages = [](std::int64_t n) { return (n + 99) / 100; };
  return std::max<std::int64_t>({pages(reviews), pages(comments), 1}) - 1;
}

// Several heavy PRs in one page: each round is ONE query with a slot per PR
// still having more, so a page's follow-ups take as many queries as its
// heaviest PR needs, not one per PR page.
TEST_P(DepthRun, HeavyPullRequestsOfAPageShareEachRoundOfFollowUps) {
  graphql.reviews_of = [](std::int64_t n) {
    return n == 3 ? 250 : n == 4 ? 120 : n == 60 ? 101 : n % 4;
  };
  graphql.comments_of = [](std::int64_t n) {
    return n == 3 ? 180 : n == 5 ? 430 : n == 60 ? 300 : n % 3;
  };
  auto outcome = e.run(depth_params("all"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  expect_everything_stored();
  // Pages of 49 PRs: round k of a page has a slot for each of its PRs
  // needing k follow-up pages or more.
  std::vector<int> slots;
  std::size_t queries = 0;
  for (std::int64_t first = 1; first <= graphql.pulls; first += 49) {
    ++queries;
    for (std::int64_t round = 1;; ++round) {
      int in_round = 0;
      for (std::int64_t n = first; n < first + 49 && n <= graphql.pulls; ++n) {
        if (follow_up_pages(graphql.reviews_of(n), graphql.comments_of(n)) >= round) ++in_round;
      }
      if (in_round == 0) break;
      slots.push_back(in_round);
      ++queries;
    }
  }
  EXPECT_EQ(graphql.follow_up_slots(), slots);
  EXPECT_EQ(graphql.follow_up_slots().front(), 3);  // #3, #4 and #5 together
  EXPECT_EQ(graphql.requests(), queries);
}

// A PR deleted during its follow-ups ends only its own: what came of it
// is stored, and the PRs sharing its rounds are stored whole.
TEST_P(DepthRun, APullRequestGoneDuringFollowUpsEndsOnlyItsOwn) {
  graphql.reviews_of = [](std::int64_t n) { return n == 3 || n == 4 ? 350 : n % 4; };
  graphql.comments_of = [](std::int64_t n) { return n == 3 || n == 4 ? 220 : n % 3; };
  graphql.vanished = {4};
  auto outcome = e.run(depth_params("all"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  const auto children_of = [&](const std::string& table, int number) {
    return count("SELECT count(*) FROM " + table +
                 " c JOIN pull_requests p ON p.id = c.pull_request_id WHERE p.number = " +
                 std::to_string(number));
  };
  EXPECT_EQ(children_of("reviews", 3), 350);
  EXPECT_EQ(children_of("comments", 3), 220);
  EXPECT_EQ(children_of("reviews", 4), 100);  // the page's, then gone
  EXPECT_EQ(children_of("comments", 4), 100);
  // #4 had a slot in the first round only; #3 went on alone.
  EXPECT_EQ(graphql.follow_up_slots(), (std::vector<int>{2, 1, 1}));
}

TEST_P(DepthRun, TheNextPageIsAskedForWhileAChunkIsWritten) {
  ArrivalCount queries;
  const auto answer = e.github.tamper;
  e.github.tamper = [&](std::size_t i, const github::HttpRequest& request,
                        github::HttpResponse& response) {
    answer(i, request, response);
    if (request.url == e.github.api_url + "/graphql") queries.arrived();
  };
  WatchedStore store(*e.db.store);
  std::vector<bool> next_page_during_write;
  store.before_write = [&](int write) {
    // Pages of 49: page `write + 1` is asked for while chunk `write` is
    // written; the last chunk (22 PRs) has no next page.
    if (write < 3) next_page_during_write.push_back(queries.wait_for(write + 1));
  };
  const auto outcome = e.run(depth_params("all"), store);
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(next_page_during_write, (std::vector<bool>{true, true}));
  EXPECT_EQ(graphql.requests(), 3u);
  expect_everything_stored();
  // Each chunk counts the requests that brought it, the prefetch included:
  // the repository, the count and page 1, then one page each.
  EXPECT_EQ(
      query_ints(e.db.database.url(),
                 "SELECT requests FROM backfill_chunks WHERE pr_count > 0 ORDER BY chunk_index"),
      (std::vector<std::int64_t>{3, 1, 1}));
  // The PR pass's chunks cost the run's GraphQL points; the review comment
  // stream's page (a row without PRs) its one REST request.
  EXPECT_EQ(count("SELECT sum(points) FROM backfill_chunks WHERE pr_count > 0"), outcome.points);
  EXPECT_EQ(count("SELECT sum(points) FROM backfill_chunks WHERE pr_count = 0"), 1);
}

TEST_P(DepthRun, AFailedDepthWriteDropsThePrefetchedPage) {
  WatchedStore store(*e.db.store);
  store.before_write = [&](int write) {
    if (write == 2) throw FatalError("disk full");
  };
  const auto outcome = e.run(depth_params("all"), store);
  ASSERT_EQ(outcome.result, RunResult::kFailed);
  EXPECT_NE(outcome.reason.find("disk full"), std::string::npos) << outcome.reason;
  EXPECT_EQ(outcome.chunks, 1);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 49);  // github::kCheapestPage
  EXPECT_EQ(e.db.store->scopes(std::nullopt).at(0).total_processed, 49);
  EXPECT_EQ(e.db.store->scopes(std::nullopt).at(0).status, store::Status::kFailed);
  // The next run goes on from chunk 1's cursor.
  const auto resumed = e.run(depth_params("all"));
  ASSERT_EQ(resumed.result, RunResult::kCompleted) << resumed.reason;
  expect_everything_stored();
}

TEST_P(DepthRun, ResumesExactlyAfterTheStoredCursor) {
  auto first = depth_params("all");
  first.max_chunks = 1;
  auto paused = e.run(first);
  ASSERT_EQ(paused.result, RunResult::kPaused) << paused.reason;
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 49);  // github::kCheapestPage
  EXPECT_EQ(e.db.store->scopes(std::nullopt).at(0).status, store::Status::kPaused);

  std::vector<json> afters;
  graphql.fault = [&](std::size_t, const std::string& operation, const json& variables) {
    if (operation == "PullRequestPage") afters.push_back(variables.at("after"));
    return std::optional<github::HttpResponse>();
  };
  auto resumed = e.run(depth_params("all"));
  ASSERT_EQ(resumed.result, RunResult::kCompleted) << resumed.reason;
  ASSERT_FALSE(afters.empty());
  EXPECT_EQ(afters.front(), json("cursor:v2:48"));  // nothing fetched twice
  EXPECT_EQ(resumed.stored_this_run, 71);
  expect_everything_stored();
}

TEST_P(DepthRun, DepthOnAListBackfilledRepositoryStartsAtTheFirstPullRequest) {
  graphql.pull_id_base = 9'000'000;  // REST's id is GraphQL's fullDatabaseId
  auto list = e.run(e.params());
  ASSERT_EQ(list.result, RunResult::kCompleted) << list.reason;
  ASSERT_EQ(count("SELECT count(*) FROM pull_requests"), 120);

  std::vector<json> afters;
  graphql.fault = [&](std::size_t, const std::string& operation, const json& variables) {
    if (operation == "PullRequestPage") afters.push_back(variables.at("after"));
    return std::optional<github::HttpResponse>();
  };
  auto deep = e.run(depth_params("reviews"));
  ASSERT_EQ(deep.result, RunResult::kCompleted) << deep.reason;
  ASSERT_FALSE(afters.empty());
  EXPECT_TRUE(afters.front().is_null());
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 120);  // the same rows, not twice
  EXPECT_EQ(count("SELECT count(*) FROM backfill_progress WHERE status = 'completed'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), sum_over_pulls(graphql.reviews_of));
}

TEST_P(DepthRun, HeavyQueriesHalveThePageDownToFiveAndItGrowsBack) {
  graphql.fault = [&](std::size_t index, const std::string&, const json&) {
    if (index == 0) {
      return std::optional(graphql.reply(
          200, graphql_error_body("RESOURCE_LIMITS_EXCEEDED", "Resource limits exceeded")));
    }
    if (index <= 3) return std::optional(graphql.reply(502, {{"message", "Server Error"}}));
    return std::optional<github::HttpResponse>();
  };
  auto params = depth_params("all");
  params.runner.policy.max_retries = 5;
  auto outcome = e.run(params);
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  const std::vector<int> sizes(graphql.page_sizes().begin(), graphql.page_sizes().begin() + 8);
  EXPECT_EQ(sizes, (std::vector<int>{49, 24, 12, 6, 5, 5, 5, 10}));
  expect_everything_stored();
}

TEST_P(DepthRun, PartialDataIsNeverStored) {
  graphql.fault = [&](std::size_t index, const std::string& operation, const json& variables) {
    if (index != 0) return std::optional<github::HttpResponse>();
    // GitHub's partial reply: data for what it could resolve, errors for the rest.
    ScriptedGraphql whole = graphql;
    whole.fault = nullptr;
    github::HttpRequest request;
    request.body = json{{"query", "query " + operation}, {"variables", variables}}.dump();
    json body = json::parse(whole.answer(request).body);
    body["errors"] =
        json::array({{{"type", "SERVICE_UNAVAILABLE"},
                      {"message", "Something went wrong resolving reviews"},
                      {"path", {"repository", "pullRequests", "nodes", 3, "reviews"}}}});
    return std::optional(graphql.reply(200, body));
  };
  auto once = depth_params("all");
  once.runner.policy.max_retries = 0;
  auto failed = e.run(once);
  ASSERT_EQ(failed.result, RunResult::kFailed);
  EXPECT_NE(failed.reason.find("Something went wrong resolving reviews"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), 0);

  auto retried = e.run(depth_params("all"));  // the fault was only the first reply
  ASSERT_EQ(retried.result, RunResult::kCompleted) << retried.reason;
  expect_everything_stored();
}

TEST_P(DepthRun, RepositoryNotFoundFailsWithoutRetries) {
  graphql.fault = [&](std::size_t, const std::string&, const json&) {
    return std::optional(graphql.reply(
        200, graphql_error_body("NOT_FOUND",
                                "Could not resolve to a Repository with the name 'octo/repo'.",
                                "repository")));
  };
  auto outcome = e.run(depth_params("all"));
  ASSERT_EQ(outcome.result, RunResult::kFailed);
  EXPECT_EQ(outcome.error_kind, github::ErrorKind::kNotFound);
  EXPECT_EQ(outcome.retries, 0);
  EXPECT_EQ(graphql.requests(), 1u);
  EXPECT_EQ(e.db.store->scopes(std::nullopt).at(0).status, store::Status::kFailed);
}

TEST_P(DepthRun, RateLimitedWaitsForTheResetThenGoesOn) {
  graphql.fault = [&](std::size_t index, const std::string&, const json&) {
    if (index != 1) return std::optional<github::HttpResponse>();
    auto reply = graphql.reply(
        200, graphql_error_body("RATE_LIMITED", "API rate limit exceeded for user ID 1."));
    reply.headers = {};
    reply.headers.add("x-ratelimit-remaining", "0");
    reply.headers.add("x-ratelimit-limit", "5000");
    reply.headers.add("x-ratelimit-reset", std::to_string(e.epoch_now() + 600));
    reply.headers.add("x-ratelimit-resource", "graphql");
    return std::optional(reply);
  };
  const auto before = e.clock.now();
  auto outcome = e.run(depth_params("all"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_GE(e.clock.now() - before, std::chrono::seconds(600));
  expect_everything_stored();
}

INSTANTIATE_TEST_SUITE_P(Engines, DepthRun,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
