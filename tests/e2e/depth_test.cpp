// `--with all` through the real binary against the fake GitHub's GraphQL
// endpoint (real query texts run by graphql-js against GitHub's published
// schema): every PR's details, reviews and conversation comments stored
// exactly, heavy PRs included, through kill -9 and heavy-query failures.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <nlohmann/json.hpp>

#include "fake_github/graphql_faults.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class Depth : public BackfillE2E {
 protected:
  void SetUp() override {
    BackfillE2E::SetUp();
    github_.enable_graphql();
  }

  // PR number -> stored rows of `table` (reviews, or comments of `kind`).
  std::map<std::int64_t, std::int64_t> stored_children(const std::string& repo,
                                                       const std::string& table,
                                                       const std::string& kind = "") {
    const auto slash = repo.find('/');
    const std::string filter = kind.empty() ? "" : " AND c.kind = '" + kind + "'";
    std::map<std::int64_t, std::int64_t> counts;
    for (const auto& row :
         query(db(),
               "SELECT p.number, count(c.id) FROM pull_requests p "
               "JOIN repositories r ON r.id = p.repository_id "
               "LEFT JOIN " +
                   table + " c ON c.pull_request_id = p.id" + filter + " WHERE r.owner = '" +
                   repo.substr(0, slash) + "' AND r.name = '" + repo.substr(slash + 1) +
                   "' GROUP BY p.number")) {
      counts[std::stoll(*row[0])] = std::stoll(*row[1]);
    }
    return counts;
  }

  // Every PR holds exactly the reviews and conversation comments GitHub has.
  void expect_exact_depth(const std::string& repo, int pulls) {
    // Every PR once (a depth scope keeps its progress in backfill_scopes,
    // not in the list scope's counters).
    std::vector<std::int64_t> all(pulls);
    for (int n = 1; n <= pulls; ++n) all[n - 1] = n;
    EXPECT_EQ(stored_numbers(repo), all);
    const auto reviews = stored_children(repo, "reviews");
    const auto comments = stored_children(repo, "comments", "issue");
    ASSERT_EQ(reviews.size(), static_cast<std::size_t>(pulls));
    for (int n = 1; n <= pulls; ++n) {
      const auto want = github_.pull_children(repo, n);
      EXPECT_EQ(reviews.at(n), want.reviews) << repo << "#" << n;
      EXPECT_EQ(comments.at(n), want.comments) << repo << "#" << n;
    }
  }
};

TEST_P(Depth, WithAllStoresEveryPullRequestsDetailsReviewsAndComments) {
  fake_github::GenerateOptions options;
  options.heavy_share = 0.05;
  github_.add_repository("octo/deep", 120, options);
  github_.set_pull_children("octo/deep", 7, {2345, 3, 0});   // thousands: follow-ups
  github_.set_pull_children("octo/deep", 8, {100, 100, 0});  // exactly a page
  github_.set_pull_children("octo/deep", 9, {0, 0, 0});

  auto r = run({"--repo", "octo/deep", "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_exact_depth("octo/deep", 120);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM pull_requests WHERE details_fetched_at IS NULL"),
            0);
  EXPECT_GT(query_int(db(), "SELECT count(*) FROM pull_requests WHERE additions IS NOT NULL"), 0);

  // Run again: nothing duplicated, nothing lost.
  auto again = run({"--repo", "octo/deep", "--with", "all"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  expect_exact_depth("octo/deep", 120);
}

// GitHub's price of a page query, computed by the fake from the real query
// text: up to 49 PRs with their children cost 1 point (50 would cost 2).
TEST_P(Depth, EachPageOfPullRequestsCostsOnePoint) {
  github_.add_repository("octo/cheap", 147);  // usual spread: no follow-ups
  auto r = run({"--repo", "octo/cheap", "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_exact_depth("octo/cheap", 147);
  // The PR pass's chunks (the review comment stream's pages, rows without
  // PRs, cost their REST requests).
  for (const auto& row :
       query(db(),
             "SELECT pr_count, points FROM backfill_chunks"
             " WHERE scope_id IS NOT NULL AND pr_count > 0 ORDER BY chunk_index")) {
    EXPECT_EQ(*row[0], "49");
    EXPECT_EQ(*row[1], "1");
  }
  EXPECT_EQ(query_int(db(),
                      "SELECT count(*) FROM backfill_chunks"
                      " WHERE scope_id IS NOT NULL AND pr_count > 0"),
            3);
}

// Several heavy PRs in one chunk: each round of follow-ups is ONE query
// with an aliased slot per PR still having more, which GitHub's formula
// (the fake's, from the real query text) prices at 1 point. A chunk costs
// its page plus as many points as its heaviest PR needs follow-up pages,
// not one per follow-up page of every PR.
TEST_P(Depth, HeavyPullRequestsOfAChunkShareEachFollowUpQuery) {
  github_.add_repository("octo/busy", 60);
  github_.set_pull_children("octo/busy", 4, {260, 150, 0});
  github_.set_pull_children("octo/busy", 11, {170, 420, 0});
  github_.set_pull_children("octo/busy", 30, {201, 199, 0});
  github_.set_pull_children("octo/busy", 55, {350, 0, 0});  // the next chunk's
  auto r = run({"--repo", "octo/busy", "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_exact_depth("octo/busy", 60);

  // The follow-up pages a PR needs beyond the page's first 100 of each kind.
  const auto follow_up_pages = [&](std::int64_t number) {
    const auto children = github_.pull_children("octo/busy", number);
    const auto pages = [](std::int64_t n) { return (n + 99) / 100; };
    return std::max<std::int64_t>({pages(children.reviews), pages(children.comments), 1}) - 1;
  };
  // Chunks hold the PRs in creation (number) order.
  std::int64_t next = 1;
  std::int64_t heavy_in_first_chunk = 0;
  const auto chunks = query(db(),
                            "SELECT pr_count, points FROM backfill_chunks"
                            " WHERE scope_id IS NOT NULL AND pr_count > 0 ORDER BY chunk_index");
  ASSERT_EQ(chunks.size(), 2u);
  for (const auto& row : chunks) {
    const std::int64_t prs = std::stoll(*row[0]);
    std::int64_t rounds = 0;
    for (std::int64_t n = next; n < next + prs; ++n) {
      rounds = std::max(rounds, follow_up_pages(n));
      if (next == 1 && follow_up_pages(n) > 0) ++heavy_in_first_chunk;
    }
    EXPECT_EQ(std::stoll(*row[1]), 1 + rounds) << "chunk from #" << next;
    next += prs;
  }
  EXPECT_EQ(next, 61);
  EXPECT_GE(heavy_in_first_chunk, 3);
  // The first round asked for every heavy PR of the chunk in one query.
  std::int64_t most_slots = 0;
  for (const auto& request : github_.requests()) {
    if (request.path != "/graphql") continue;
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body["variables"].contains("id0")) continue;
    std::int64_t slots = 0;
    while (body["variables"].contains("id" + std::to_string(slots))) ++slots;
    most_slots = std::max(most_slots, slots);
  }
  EXPECT_EQ(most_slots, heavy_in_first_chunk);
}

// The awkward PRs (NUL and non-BMP text, a 70,000-character body, no body,
// a deleted author, drafts, merged and closed) come through GraphQL as they
// do through REST: the same rows, a missing description NULL on both paths.
TEST_P(Depth, AwkwardPullRequestsAreStoredAsTheRestPathStoresThem) {
  fake_github::GenerateOptions options;
  options.awkward_every = 2;
  github_.add_repository("octo/odd", 40, options);
  github_.add_repository("octo/odd-rest", 40, options);
  auto deep = run({"--repo", "octo/odd", "--with", "all"});
  ASSERT_EQ(deep.exit_code, 0) << deep.out << deep.err;
  expect_exact_depth("octo/odd", 40);
  auto list = run({"--repo", "octo/odd-rest"});
  ASSERT_EQ(list.exit_code, 0) << list.out << list.err;
  const auto rows = [&](const std::string& name) {
    return query(db(),
                 "SELECT p.number, p.title, p.body, p.state, p.draft, p.author_id IS NULL,"
                 " p.merged_at, p.closed_at FROM pull_requests p JOIN repositories r"
                 " ON r.id = p.repository_id WHERE r.name = '" +
                     name + "' ORDER BY p.number");
  };
  const auto via_graphql = rows("odd");
  ASSERT_EQ(via_graphql.size(), 40u);
  EXPECT_EQ(via_graphql, rows("odd-rest"));
  EXPECT_GT(query_int(db(), "SELECT count(*) FROM pull_requests WHERE body IS NULL"), 0);
}

// One PR with 20,000 conversation comments: 200 follow-ups, each upserted
// as it arrives, every comment stored once.
TEST_P(Depth, APullRequestWithTwentyThousandCommentsIsStoredWhole) {
  github_.add_repository("octo/huge", 60);
  github_.set_pull_children("octo/huge", 30, {20000, 0, 0});
  auto r = run({"--repo", "octo/huge", "--with", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_exact_depth("octo/huge", 60);
  EXPECT_EQ(stored_children("octo/huge", "comments", "issue").at(30), 20000);
  EXPECT_EQ(query_int(db(), "SELECT count(DISTINCT github_id) FROM comments WHERE kind = 'issue'"),
            query_int(db(), "SELECT count(*) FROM comments WHERE kind = 'issue'"));
}

TEST_P(Depth, KillNineMidRunThenRerunIsExact) {
  github_.add_repository("octo/killed", 200);
  github_.set_pull_children("octo/killed", 60, {700, 2, 0});
  std::atomic<pid_t> victim{0};
  // Killed on its 6th GraphQL-or-REST request, mid-way through the PRs.
  github_.on_request([&](std::size_t i, const fake_github::RecordedRequest&) {
    if (i == 6 && victim.load() > 0) ::kill(victim.load(), SIGKILL);
  });
  auto child = start({"--repo", "octo/killed", "--with", "all", "--chunk-size", "25"});
  victim = child->pid();
  auto killed = child->wait(std::chrono::seconds(60));
  EXPECT_NE(killed.exit_code, 0);
  github_.on_request(nullptr);

  auto resumed = run({"--repo", "octo/killed", "--with", "all", "--chunk-size", "25"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  expect_exact_depth("octo/killed", 200);
}

TEST_P(Depth, HeavyQueryFailuresShrinkThePageAndStillCompleteExactly) {
  github_.add_repository("octo/heavy", 90);
  // GitHub's answers to a query too heavy to finish: 502, then 504.
  github_.set_graphql_fault_policy(std::make_shared<fake_github::ScriptedGraphqlFaults>(
      std::map<std::size_t, fake_github::GraphqlFault>{
          {1, fake_github::GraphqlFault::kBadGateway502},
          {2, fake_github::GraphqlFault::kGatewayTimeout504}}));
  auto r = run({"--repo", "octo/heavy", "--with", "reviews,comments", "--backoff-base-ms", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_exact_depth("octo/heavy", 90);

  // Each failure halved the PRs asked for: 49 (the cheapest page), 24,
  // then 12 succeeded.
  std::vector<int> firsts;
  for (const auto& request : github_.requests()) {
    if (request.path != "/graphql") continue;
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_object() && body["variables"].contains("owner")) {
      firsts.push_back(body["variables"]["first"].get<int>());
    }
  }
  ASSERT_GE(firsts.size(), 3u);
  EXPECT_EQ(firsts[0], 49);
  EXPECT_EQ(firsts[1], 24);
  EXPECT_EQ(firsts[2], 12);
}

BACKFILL_E2E_BACKENDS(Depth);

}  // namespace
}  // namespace backfill::testing
