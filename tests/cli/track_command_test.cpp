// `backfill track` and `backfill untrack` against the fake GitHub server.
#include "backfill/cli/fleet_commands.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/github/client.hpp"
#include "fleet/fleet_fixture.hpp"

namespace backfill::fleet {
namespace {

using testing::FleetTest;

std::vector<std::string> tracked_names(store::Store& store) {
  std::vector<std::string> out;
  for (const auto& t : store.tracked_repositories()) out.push_back(t.repository.name.full());
  return out;
}

class TrackCommand : public FleetTest {};

TEST_P(TrackCommand, TracksEachRepositoryOnceWithItsIdAndCount) {
  const auto alpha = github.add_repository("octo/alpha", 120);
  const auto beta = github.add_repository("octo/beta", 0);

  const int code = cli::command_track(
      config, {"octo/alpha", "OCTO/Alpha", "https://github.com/octo/beta", "octo/missing"}, out,
      clock);
  EXPECT_EQ(code, kExitFailed);  // octo/missing could not be tracked
  const std::string text = out.str();
  EXPECT_NE(text.find("tracked octo/alpha (GitHub id " + std::to_string(alpha) + ", 120 PRs)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tracked octo/beta (GitHub id " + std::to_string(beta) + ", 0 PRs)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("cannot track octo/missing: "), std::string::npos) << text;
  // The duplicate spelling was handled once: two requests per existing
  // repository (the repository, the count), one for the missing one.
  EXPECT_EQ(github.requests().size(), 5u);

  EXPECT_EQ(tracked_names(store()), (std::vector<std::string>{"octo/alpha", "octo/beta"}));
  const auto list = store().tracked_repositories();
  EXPECT_EQ(list[0].repository.github_id, alpha);
  EXPECT_EQ(list[0].github_pull_count, 120);
  EXPECT_EQ(list[0].tracked_at, format_iso8601(clock.now()));
  EXPECT_EQ(list[0].github_count_checked_at, format_iso8601(clock.now()));
  EXPECT_EQ(list[0].progress, std::nullopt);
  EXPECT_EQ(list[1].github_pull_count, 0);
}

TEST_P(TrackCommand, TrackingAgainRefreshesTheCountAndFollowsARename) {
  github.add_repository("octo/alpha", 10);
  ASSERT_EQ(cli::command_track(config, {"octo/alpha"}, out, clock), kExitCompleted);
  const auto first_tracked_at = format_iso8601(clock.now());

  clock.advance(std::chrono::hours(1));
  github.create_pulls("octo/alpha", 5);
  github.rename_repository("octo/alpha", "octo/omega");
  out.str("");
  ASSERT_EQ(cli::command_track(config, {"octo/alpha"}, out, clock), kExitCompleted);
  EXPECT_EQ(out.str(), "already tracked: octo/omega (15 PRs, asked as octo/alpha)\n");

  const auto list = store().tracked_repositories();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].repository.name.full(), "octo/omega");
  EXPECT_EQ(list[0].github_pull_count, 15);
  EXPECT_EQ(list[0].tracked_at, first_tracked_at);
  EXPECT_EQ(list[0].github_count_checked_at, format_iso8601(clock.now()));
}

TEST_P(TrackCommand, AnInvalidNameStopsEverythingBeforeAnyRequest) {
  github.add_repository("octo/alpha", 10);
  EXPECT_THROW(cli::command_track(config, {"octo/alpha", "not a repository"}, out, clock),
               UsageError);
  EXPECT_THROW(cli::command_track(config, {}, out, clock), UsageError);
  EXPECT_TRUE(github.requests().empty());
  EXPECT_TRUE(tracked_names(store()).empty());
}

TEST_P(TrackCommand, ARejectedTokenEndsTheCommand) {
  github.add_repository("octo/alpha", 10);
  github.add_repository("octo/beta", 10);
  github.set_valid_token("right-token");
  config.token = "wrong-token";
  try {
    cli::command_track(config, {"octo/alpha", "octo/beta"}, out, clock);
    ADD_FAILURE() << "no GitHubError";
  } catch (const github::GitHubError& e) {
    EXPECT_EQ(e.kind(), github::ErrorKind::kUnauthorized);
  }
  EXPECT_EQ(github.requests().size(), 1u);  // octo/beta was not tried
  EXPECT_TRUE(tracked_names(store()).empty());
}

TEST_P(TrackCommand, UntrackStopsSchedulingKeepsDataAndNeedsNoRequest) {
  github.add_repository("octo/alpha", 10);
  github.add_repository("octo/beta", 10);
  ASSERT_EQ(cli::command_track(config, {"octo/alpha", "octo/beta"}, out, clock), kExitCompleted);
  const auto alpha = store().find_repository(RepoName{"octo", "alpha"}).value();
  store().begin_run(alpha.id, 10, false, format_iso8601(clock.now()));
  store::ChunkWrite chunk{
      alpha.id, {backfill::testing::sample_pull_request(1)}, "c", format_iso8601(clock.now()), {}};
  store().upsert_chunk(chunk);
  github.clear_requests();

  out.str("");
  EXPECT_EQ(cli::command_untrack(config, {"Octo/Alpha", "octo/never-seen"}, out), kExitFailed);
  EXPECT_EQ(out.str(),
            "untracked octo/alpha (its stored data stays)\n"
            "not stored: octo/never-seen (nothing to untrack)\n");
  EXPECT_EQ(tracked_names(store()), std::vector<std::string>{"octo/beta"});
  EXPECT_EQ(store().count_pulls(alpha.id), 1);
  EXPECT_EQ(store().load_progress(alpha.id)->total_processed, 1);

  out.str("");
  EXPECT_EQ(cli::command_untrack(config, {"octo/alpha"}, out), kExitCompleted);
  EXPECT_EQ(out.str(), "already untracked: octo/alpha\n");
  EXPECT_TRUE(github.requests().empty());

  // Tracking it again brings back the same row with its data.
  out.str("");
  EXPECT_EQ(cli::command_track(config, {"octo/alpha"}, out, clock), kExitCompleted);
  EXPECT_EQ(store().find_repository(RepoName{"octo", "alpha"})->id, alpha.id);
  EXPECT_EQ(store().tracked_repositories().front().progress->total_processed, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrackCommand, testing::backends(), testing::backend_test_name);

}  // namespace
}  // namespace backfill::fleet
