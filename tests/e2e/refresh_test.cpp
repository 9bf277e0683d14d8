// Incremental refresh of completed backfills (scope "list"), end to end:
// the real binary against the fake GitHub server and both engines.
#include <atomic>
#include <chrono>

#include "e2e/refresh_fixture.hpp"

namespace backfill::testing {
namespace {

class Refresh : public RefreshE2E {};

TEST_P(Refresh, OneRefreshMakesTheDatabaseEqualGitHubAfterEveryKindOfChange) {
  const std::string repo = "octo/changing";
  github_.add_repository(repo, 250, {.seed = 7, .awkward_every = 9});
  backfill(repo);
  const auto open = numbers_where(repo, "open");
  const auto drafts = numbers_where(repo, "draft");
  const auto closed = numbers_where(repo, "closed-unmerged");
  ASSERT_GE(open.size(), 4u);
  ASSERT_FALSE(drafts.empty());
  ASSERT_FALSE(closed.empty());
  github_.change_pull(repo, open[0], "merge");
  github_.change_pull(repo, open[1], "close");
  github_.change_pull(repo, open[2], "retitle");
  github_.change_pull(repo, open[3], "label");
  github_.change_pull(repo, drafts[0], "ready");
  github_.change_pull(repo, closed[0], "reopen");
  github_.open_pulls(repo, 3);
  ASSERT_NE(stored(repo), github_listing(repo));

  auto r = run({"refresh", "--repo", repo});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto line = result_line(r);
  EXPECT_EQ(line["status"], "completed") << r.out;
  EXPECT_EQ(line["refresh"], "changed") << r.out;
  EXPECT_EQ(line["changed"], 9) << r.out;  // six changed, three new
  EXPECT_EQ(line["processed"], 253) << r.out;
  expect_equal_to_github(repo);
  // The backfill stays completed; its cursor and chunks are not the refresh's.
  EXPECT_EQ(progress(repo, "status"), "completed");
  EXPECT_TRUE(refresh_state(repo, "watermark").has_value());
  EXPECT_EQ(refresh_state(repo, "changed"), "9");
}

TEST_P(Refresh, AnUnchangedRepositoryCostsOneFreeRequest) {
  const std::string repo = "octo/quiet";
  github_.add_repository(repo, 180);
  backfill(repo);
  github_.change_pull(repo, numbers_where(repo, "open").at(0), "retitle");
  auto first = run({"refresh", "--repo", repo});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto remaining = result_line(first)["rate_limit"]["remaining"];

  // Both spellings: `refresh --repo` and a plain run of a completed repository.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"refresh", "--repo", repo}, {"--repo", repo}}) {
    github_.clear_requests();
    auto r = run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto requests = github_.requests();
    ASSERT_EQ(requests.size(), 1u) << r.err;
    EXPECT_EQ(requests[0].status, 304);
    EXPECT_NE(requests[0].query.find("sort=updated&direction=desc"), std::string::npos);
    const auto line = result_line(r);
    EXPECT_EQ(line["refresh"], "unchanged") << r.out;
    EXPECT_EQ(line["requests"], 1) << r.out;
    EXPECT_EQ(line["rate_limit_points"], 0) << r.out;
    EXPECT_EQ(line["rate_limit"]["remaining"], remaining) << r.out;  // not a point spent
  }
  EXPECT_EQ(refresh_state(repo, "changed"), "0");
  expect_equal_to_github(repo);
}

TEST_P(Refresh, AValidatorGitHubNoLongerMatchesCostsOnePageWhenNothingChanged) {
  // What a token rotation does on GitHub, where ETags are tied to the token:
  // the first page comes back 200 and the walk ends on it.
  const std::string repo = "octo/rotated";
  github_.add_repository(repo, 320);
  backfill(repo);
  ASSERT_EQ(run({"refresh", "--repo", repo}).exit_code, 0);
  {
    auto store = open_store();
    const auto id = repository(repo).id;
    auto state = store->load_refresh(id, "list").value();
    state.etag = "W/\"from-another-token\"";
    state.last_modified.reset();
    store->write_refresh_chunk({id, {}, *state.refreshed_at, state});
  }
  github_.clear_requests();
  auto r = run({"refresh", "--repo", repo});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(github_.requests().size(), 1u);
  EXPECT_EQ(github_.requests()[0].status, 200);
  const auto line = result_line(r);
  EXPECT_EQ(line["refresh"], "unchanged") << r.out;
  EXPECT_EQ(line["rate_limit_points"], 1) << r.out;
  // The new ETag is stored: the next refresh is free again.
  github_.clear_requests();
  ASSERT_EQ(run({"refresh", "--repo", repo}).exit_code, 0);
  EXPECT_EQ(github_.requests().at(0).status, 304);
}

TEST_P(Refresh, APullRequestUpdatedDuringTheWalkIsCaughtByTheNextRefresh) {
  const std::string repo = "octo/moving";
  github_.add_repository(repo, 120);
  backfill(repo);
  ASSERT_EQ(run({"refresh", "--repo", repo}).exit_code, 0);
  github_.open_pulls(repo, 150);  // two pages to walk
  const std::int64_t old_pull = numbers_where(repo, "open").at(0);
  const std::string old_title = stored(repo)[static_cast<std::size_t>(old_pull - 1)].title;
  github_.clear_requests();
  // While page 2 is asked for, an old PR (below the watermark, which page 1
  // already passed) is retitled a minute later: it moves to the top of the
  // listing.
  std::atomic<std::int64_t> skew{0};
  github_.set_clock([&skew] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count() +
           skew.load();
  });
  github_.on_request([&](std::size_t index, const fake_github::RecordedRequest&) {
    if (index != 2) return;
    skew = 60;
    github_.change_pull(repo, old_pull, "retitle");
  });
  auto first = run({"refresh", "--repo", repo});
  github_.on_request(nullptr);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(result_line(first)["changed"], 150) << first.out;
  // The shift repeated page 1's last PR on page 2; it is stored once.
  EXPECT_EQ(stored_numbers(repo), github_.pull_numbers(repo));
  EXPECT_EQ(stored(repo)[static_cast<std::size_t>(old_pull - 1)].title, old_title);

  auto second = run({"refresh", "--repo", repo});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(result_line(second)["changed"], 1) << second.out;
  expect_equal_to_github(repo);
}

TEST_P(Refresh, ARepositoryStillMidBackfillIsRefusedAndItsBackfillResumes) {
  const std::string repo = "octo/halfway";
  github_.add_repository(repo, 300);
  auto partial = run({"--repo", repo, "--max-chunks", "2"});
  ASSERT_EQ(partial.exit_code, 75) << partial.err;
  auto r = run({"refresh", "--repo", repo});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // the backfill's: it completed
  EXPECT_NE(r.err.find("refresh of octo/halfway refused: its backfill is paused (100 of 300 PRs "
                       "stored); a refresh needs a completed backfill; resuming the backfill "
                       "instead"),
            std::string::npos)
      << r.err;
  const auto line = result_line(r);
  EXPECT_EQ(line["refresh"], "refused") << r.out;
  EXPECT_EQ(line["status"], "completed") << r.out;
  expect_exact_copy(repo);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM refresh_state"), 0);
}

TEST_P(Refresh, RefreshAllRefreshesEveryCompletedRepositoryAndSpendsPointsOnlyOnChangedOnes) {
  for (const char* name : {"fleet/a", "fleet/b", "fleet/c"}) {
    github_.add_repository(name, 60);
    backfill(name);
    ASSERT_EQ(run({"refresh", "--repo", name}).exit_code, 0);
  }
  github_.add_repository("fleet/unfinished", 300);
  ASSERT_EQ(run({"--repo", "fleet/unfinished", "--max-chunks", "1"}).exit_code, 75);
  github_.change_pull("fleet/b", numbers_where("fleet/b", "open").at(0), "close");
  github_.clear_requests();

  auto r = run({"refresh", "--all"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto summary = result_line(r)["summary"];
  EXPECT_EQ(summary["unchanged"], 2) << r.out;
  EXPECT_EQ(summary["changed"], 1) << r.out;
  EXPECT_EQ(summary["changed_prs"], 1) << r.out;
  EXPECT_EQ(summary["refused"], 1) << r.out;
  EXPECT_EQ(summary["requests"], 3) << r.out;
  EXPECT_EQ(summary["rate_limit_points"], 1) << r.out;
  EXPECT_NE(r.out.find("\"refresh\":\"refused\""), std::string::npos) << r.out;
  EXPECT_EQ(github_.requests().size(), 3u);  // the unfinished one cost nothing
  for (const char* name : {"fleet/a", "fleet/b", "fleet/c"}) expect_equal_to_github(name);
}

BACKFILL_E2E_BACKENDS(Refresh);

}  // namespace
}  // namespace backfill::testing
