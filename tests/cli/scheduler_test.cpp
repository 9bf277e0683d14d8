// `check-migration-status --schedule` in-process against the fake GitHub:
// exactly the expected dispatches, in order, none repeated, the maximum kept,
// inline backfills completed, and an inline run that ran out sent to Actions.
#include <nlohmann/json.hpp>

#include "backfill/cli/fleet_commands.hpp"
#include "fleet/fleet_fixture.hpp"
#include "support/db_probe.hpp"

namespace backfill::fleet {
namespace {

class Schedule : public testing::FleetTest {
 protected:
  Schedule() {
    github.add_repository("acme/ops", 0);
    config.actions.workflow_repo = parse_repo_name("acme/ops");
    config.token = "ghp_schedulerTestToken0000000000000000000";  // dispatching needs one
  }

  // "octo/NAME" on the fake with `pulls` PRs, tracked, in the wanted bucket half.
  std::string add(const std::string& stem, int pulls, bool rollout_to_actions) {
    for (int i = 0;; ++i) {
      RepoName name{"octo", stem + std::to_string(i)};
      if ((rollout_bucket(name) < 25) != rollout_to_actions) continue;
      const auto id = github.add_repository(name.full(), pulls);
      store().track_repository(id, name, pulls, format_iso8601(clock.now()));
      return name.full();
    }
  }

  int schedule_pass(long max_dispatch = 20,
                    std::chrono::seconds inline_budget = std::chrono::minutes(2),
                    std::int64_t actions_threshold = kDefaultActionsThreshold) {
    cli::CheckOptions options;
    options.json = true;
    ScheduleOptions schedule;
    schedule.settings.max_dispatch = max_dispatch;
    schedule.settings.route.actions_threshold = actions_threshold;
    schedule.dispatch_repo = parse_repo_name("acme/ops");
    schedule.inline_budget = inline_budget;
    options.schedule = schedule;
    out.str("");
    return cli::command_check_migration_status(config, options, out, clock);
  }

  std::vector<std::string> dispatched() {
    std::vector<std::string> repos;
    for (const auto& d : github.dispatches("acme/ops")) {
      EXPECT_EQ(d.event_type, "progressive-backfill");
      repos.push_back(nlohmann::json::parse(d.client_payload_json)["repository"]);
    }
    return repos;
  }

  std::int64_t stored(const std::string& repo) {
    return backfill::testing::query_int(
        db(),
        "SELECT count(*) FROM pull_requests p JOIN repositories r ON r.id = p.repository_id "
        "WHERE r.owner || '/' || r.name = '" +
            repo + "'");
  }
};

TEST_P(Schedule, DispatchesLargeAndRolledOutRepositoriesAndBackfillsTheRestInline) {
  const auto big = add("big", 1200, false);     // over the threshold
  const auto rolled = add("rolled", 30, true);  // rollout bucket < 25
  const auto small = add("small", 40, false);   // inline
  ASSERT_EQ(schedule_pass(), 0) << out.str();
  EXPECT_EQ(dispatched(), (std::vector<std::string>{big, rolled}));
  EXPECT_EQ(stored(small), 40);
  EXPECT_EQ(stored(big), 0);
  // Dispatches were at least a second apart (GitHub's content-creation limit).
  EXPECT_EQ(clock.waits(), (std::vector<Duration>{std::chrono::seconds(1)}));
  auto doc = nlohmann::json::parse(out.str());
  ASSERT_EQ(doc["schedule"].size(), 3u);
  EXPECT_EQ(doc["schedule"][0]["reason"], "actions (1,200 PRs > threshold 1,000)");

  // The next pass: the dispatched ones have not started yet, the inline one
  // is complete: nothing is dispatched again.
  ASSERT_EQ(schedule_pass(), 0) << out.str();
  EXPECT_EQ(dispatched().size(), 2u);
}

TEST_P(Schedule, AtMostMaxDispatchPerPass) {
  const auto a = add("a", 1500, false);
  const auto b = add("b", 1500, false);
  const auto c = add("c", 1500, false);
  ASSERT_EQ(schedule_pass(2), 0);
  EXPECT_EQ(dispatched(), (std::vector<std::string>{a, b}));
  ASSERT_EQ(schedule_pass(2), 0);  // c now; a and b are waiting to start
  EXPECT_EQ(dispatched(), (std::vector<std::string>{a, b, c}));
}

TEST_P(Schedule, AnInlineRunOutOfBudgetIsPausedThenSentToActions) {
  const auto slow = add("slow", 500, false);
  // Every request to GitHub takes a minute of the clock: a 3-minute inline
  // budget runs out after the first chunk (the count and a page: 2 minutes).
  github.on_request([this](std::size_t, const fake_github::RecordedRequest&) {
    clock.advance(std::chrono::minutes(1));
  });
  ASSERT_EQ(schedule_pass(20, std::chrono::minutes(3)), 0) << out.str();
  EXPECT_TRUE(dispatched().empty());
  EXPECT_GT(stored(slow), 0);
  EXPECT_LT(stored(slow), 500);
  github.on_request(nullptr);
  ASSERT_EQ(schedule_pass(), 0) << out.str();
  EXPECT_EQ(dispatched(), std::vector<std::string>{slow});
  auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["schedule"][0]["reason"],
            "actions (its inline run did not finish in the inline budget)");
}

TEST_P(Schedule, NothingToDoWhenEverythingIsComplete) {
  const auto done = add("done", 20, false);
  ASSERT_EQ(schedule_pass(), 0);  // inline: completes it
  EXPECT_EQ(stored(done), 20);
  ASSERT_EQ(schedule_pass(), 0);
  EXPECT_TRUE(nlohmann::json::parse(out.str())["schedule"].empty());
  EXPECT_TRUE(dispatched().empty());
}

TEST_P(Schedule, ACompleteListDoesNotFinishARepositoryTrackedWithDepth) {
  const auto deep = add("deep", 20, false);
  const auto plain = add("plain", 20, false);
  ASSERT_EQ(schedule_pass(), 0);  // inline: both lists complete
  ASSERT_EQ(stored(deep), 20);
  store().set_backfill_with(store().find_repository(parse_repo_name(deep))->id, "details");
  // Its details scope never ran: it is dispatched (over the threshold now),
  // its --with carried in the payload; the list-only one is left alone.
  ASSERT_EQ(schedule_pass(20, std::chrono::minutes(2), /*actions_threshold=*/5), 0) << out.str();
  EXPECT_EQ(dispatched(), std::vector<std::string>{deep});
  const auto payload =
      nlohmann::json::parse(github.dispatches("acme/ops").at(0).client_payload_json);
  EXPECT_EQ(payload["with"], "details");
  const auto doc = nlohmann::json::parse(out.str());
  ASSERT_EQ(doc["schedule"].size(), 1u) << out.str();
  EXPECT_EQ(doc["schedule"][0]["repository"], deep);
}

INSTANTIATE_TEST_SUITE_P(Backends, Schedule, testing::backends(), testing::backend_test_name);

}  // namespace
}  // namespace backfill::fleet
