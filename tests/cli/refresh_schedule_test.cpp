// Keeping a fleet fresh, in-process with an injected clock: the `stale`
// verdict of check-migration-status, and the refreshes the scheduler and
// the workers run after the unfinished backfills.
#include <nlohmann/json.hpp>

#include "backfill/cli/fleet_commands.hpp"
#include "fleet/fleet_fixture.hpp"

namespace backfill::fleet {
namespace {

using std::chrono::hours;

class KeepingFresh : public testing::FleetTest {
 protected:
  // "fresh/NAME" on the fake with `pulls` PRs, tracked and backfilled to
  // completion now (by the scheduler's inline run), so that its stored rows
  // are GitHub's.
  std::string completed(const std::string& name, int pulls) {
    const std::string full = "fresh/" + name;
    track(full, pulls);
    ScheduleOptions backfill_only;
    backfill_only.settings.route.actions_percentage = 0;
    backfill_only.refresh_every = hours(10'000);
    check(std::nullopt, backfill_only);
    return full;
  }

  void track(const std::string& full, int pulls) {
    const auto id = github.add_repository(full, pulls);
    store().track_repository(id, parse_repo_name(full), pulls, format_iso8601(clock.now()));
  }

  nlohmann::json check(std::optional<std::chrono::seconds> stale_after = std::nullopt,
                       std::optional<ScheduleOptions> schedule = std::nullopt) {
    cli::CheckOptions options;
    options.json = true;
    if (stale_after) options.stale_after = *stale_after;
    options.schedule = schedule;
    out.str("");
    EXPECT_EQ(cli::command_check_migration_status(config, options, out, clock), 0) << out.str();
    return nlohmann::json::parse(out.str());
  }

  static std::map<std::string, nlohmann::json> by_name(const nlohmann::json& list) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& r : list) out[r["repository"]] = r;
    return out;
  }
};

TEST_P(KeepingFresh, ACompletedBackfillNotRefreshedWithinStaleAfterIsStale) {
  const auto old = completed("old", 30);
  clock.advance(hours(26));
  const auto recent = completed("recent", 30);
  clock.advance(hours(4));
  auto rows = by_name(check()["repositories"]);
  EXPECT_EQ(rows.at(old)["verdict"], "stale") << rows.at(old).dump();
  EXPECT_NE(rows.at(old)["detail"].get<std::string>().find("never refreshed (1d06h ago)"),
            std::string::npos)
      << rows.at(old).dump();
  EXPECT_EQ(rows.at(recent)["verdict"], "complete");

  // A refresh makes it fresh; a day and a half later it is stale again.
  ScheduleOptions refresh_only;
  refresh_only.settings.route.actions_percentage = 0;
  check(std::nullopt, refresh_only);
  EXPECT_EQ(by_name(check()["repositories"]).at(old)["verdict"], "complete");
  clock.advance(hours(36));
  EXPECT_EQ(by_name(check()["repositories"]).at(old)["verdict"], "stale");
  EXPECT_EQ(by_name(check(hours(48))["repositories"]).at(old)["verdict"], "complete");
}

TEST_P(KeepingFresh, TheSchedulerRefreshesDueRepositoriesAfterTheUnfinishedBackfills) {
  const auto due = completed("due", 40);
  clock.advance(hours(6));
  const auto fresh = completed("fresh", 40);
  clock.advance(hours(2));
  track("fresh/unfinished", 20);
  github.change_pull(due, 1, "retitle");
  github.clear_requests();

  ScheduleOptions schedule;
  schedule.settings.route.actions_percentage = 0;
  const auto items = check(std::nullopt, schedule)["schedule"];
  ASSERT_EQ(items.size(), 2u) << items.dump();
  EXPECT_EQ(items[0]["repository"], "fresh/unfinished");
  EXPECT_EQ(items[0]["action"], "inline");
  EXPECT_EQ(items[1]["repository"], due);  // not `fresh`: completed 2 h ago, as fresh as a refresh
  EXPECT_EQ(items[1]["action"], "refresh");
  EXPECT_NE(items[1]["result"].get<std::string>().find("1 PRs changed"), std::string::npos)
      << items.dump();
  (void)fresh;
}

INSTANTIATE_TEST_SUITE_P(Backends, KeepingFresh, testing::backends(), testing::backend_test_name);

}  // namespace
}  // namespace backfill::fleet
