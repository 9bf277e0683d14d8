// The many-repositories commands through the real binary.
#include <chrono>
#include <nlohmann/json.hpp>

#include "backfill/fleet/router.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class Fleet : public BackfillE2E {};

TEST_P(Fleet, TrackRouteCheckAndScheduleFromTheCommandLine) {
  github_.add_repository("acme/ops", 0);
  github_.add_repository("octo/large", 1500);
  // A small repository whose rollout bucket keeps it inline at 25%.
  std::string small;
  for (int i = 0; small.empty(); ++i) {
    RepoName name{"octo", "small" + std::to_string(i)};
    if (fleet::rollout_bucket(name) >= 25) small = name.full();
  }
  github_.add_repository(small, 40);

  auto tracked = run({"track", "octo/large", small});
  ASSERT_EQ(tracked.exit_code, 0) << tracked.err;
  EXPECT_NE(tracked.out.find("tracked octo/large"), std::string::npos) << tracked.out;

  auto routed = run({"route", "--repo", "octo/large"});
  ASSERT_EQ(routed.exit_code, 0) << routed.err;
  EXPECT_EQ(routed.out, "actions (1,500 PRs > threshold 1,000)\n");
  auto routed_json = run({"route", "--repo", small, "--json"});
  ASSERT_EQ(routed_json.exit_code, 0) << routed_json.err;
  EXPECT_EQ(nlohmann::json::parse(routed_json.out)["target"], "inline");

  auto check = run({"check-migration-status", "--json", "--fail-on-incomplete"});
  EXPECT_EQ(check.exit_code, 1) << check.err;  // nothing stored yet
  auto status = nlohmann::json::parse(check.out);
  ASSERT_EQ(status["repositories"].size(), 2u);
  EXPECT_EQ(status["repositories"][0]["verdict"], "never started");

  auto scheduled =
      run({"check-migration-status", "--schedule", "--json"}, {{"GITHUB_REPOSITORY", "acme/ops"}});
  ASSERT_EQ(scheduled.exit_code, 0) << scheduled.err;
  auto dispatches = github_.dispatches("acme/ops");
  ASSERT_EQ(dispatches.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(dispatches[0].client_payload_json)["repository"], "octo/large");
  EXPECT_EQ(stored_rows(small), 40);  // backfilled inline
  EXPECT_EQ(progress(small, "status"), "completed");

  auto untracked = run({"untrack", "octo/large"});
  ASSERT_EQ(untracked.exit_code, 0) << untracked.err;
  auto after = nlohmann::json::parse(run({"check-migration-status", "--json"}).out);
  ASSERT_EQ(after["repositories"].size(), 1u);
  EXPECT_EQ(after["repositories"][0]["verdict"], "complete");
}

// A repository tracked --with: its complete list does not make it done;
// check-migration-status shows the scope's verdict and `work` runs it.
TEST_P(Fleet, ARepositoryTrackedWithDepthIsWorkedUntilItsScopeIsComplete) {
  github_.enable_graphql();
  github_.add_repository("octo/deep", 60);
  ASSERT_EQ(run({"--repo", "octo/deep"}).exit_code, 0);  // the list only
  auto tracked = run({"track", "octo/deep", "--with", "details"});
  ASSERT_EQ(tracked.exit_code, 0) << tracked.err;

  auto check = run({"check-migration-status", "--json", "--fail-on-incomplete"});
  EXPECT_EQ(check.exit_code, 1) << check.err;
  auto status = nlohmann::json::parse(check.out);
  ASSERT_EQ(status["repositories"].size(), 1u);
  EXPECT_EQ(status["repositories"][0]["verdict"], "complete");
  ASSERT_EQ(status["scopes"].size(), 1u);
  EXPECT_EQ(status["scopes"][0]["scope"], "details");
  EXPECT_EQ(status["scopes"][0]["verdict"], "never started");
  auto text = run({"check-migration-status"});
  EXPECT_NE(
      text.out.find("octo/deep (details): never started: no backfill yet; 60 PRs on GitHub\n"),
      std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("\n1 tracked: 1 complete; 0 PRs not yet stored; 1 depth scope: 1 never "
                          "started\n"),
            std::string::npos)
      << text.out;

  auto work = run({"work", "--until-empty"});
  ASSERT_EQ(work.exit_code, 0) << work.err;
  EXPECT_EQ(query_int(db(),
                      "SELECT count(*) FROM backfill_scopes WHERE scope = 'details'"
                      " AND status = 'completed' AND total_processed = 60"),
            1);
  EXPECT_EQ(
      query_int(db(), "SELECT count(*) FROM pull_requests WHERE details_fetched_at IS NOT NULL"),
      60);

  auto done = run({"check-migration-status", "--json", "--fail-on-incomplete"});
  EXPECT_EQ(done.exit_code, 0) << done.out;
  EXPECT_EQ(nlohmann::json::parse(done.out)["scopes"][0]["verdict"], "complete");
  // Nothing is left: another pass claims nothing.
  const auto runs = query_int(db(), "SELECT count(*) FROM backfill_runs");
  ASSERT_EQ(run({"work", "--until-empty"}).exit_code, 0);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM backfill_runs"), runs);
}

TEST_P(Fleet, CommandsThatMeetAnExhaustedRateLimitExitResumable) {
  github_.add_repository("octo/large", 1500);
  // The token's budget is gone for longer than any command may wait.
  const auto reset =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 2 * 3600;
  github_.set_rate_limit(5000, 0, reset);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"track", "octo/large"},
        std::vector<std::string>{"route", "--repo", "octo/large"}}) {
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 75) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("rate limit"), std::string::npos) << r.err;
  }
}

TEST_P(Fleet, BadNamesAreUsageErrors) {
  EXPECT_EQ(run({"track", "not a repo"}).exit_code, 2);
  EXPECT_EQ(run({"route", "--repo", "x"}).exit_code, 2);
  EXPECT_EQ(run({"route", "--repo", "a/b", "--actions-percentage", "250"}).exit_code, 2);
  EXPECT_EQ(run({"check-migration-status", "--stall-after", "soon"}).exit_code, 2);
  EXPECT_EQ(api_requests(), 0u);
}

BACKFILL_E2E_BACKENDS(Fleet);

}  // namespace
}  // namespace backfill::testing
