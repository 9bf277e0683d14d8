// `backfill check-migration-status` against the fake GitHub server, with a
// tracked repository in every state, on both engines. States are made
// through the Store API as runs leave them; counts come from the fake.
#include <nlohmann/json.hpp>

#include "backfill/cli/fleet_commands.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/github/client.hpp"
#include "fleet/fleet_fixture.hpp"

namespace backfill::fleet {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

class CheckMigrationStatus : public testing::FleetTest {
 protected:
  // A repository on the fake with `on_github` PRs, tracked a day ago.
  store::Repository tracked(const std::string& full_name, int on_github) {
    const auto id = github.add_repository(full_name, on_github);
    return store()
        .track_repository(id, parse_repo_name(full_name), on_github, at(-hours(24)))
        .repository;
  }

  // A run that began at `began` and stored PRs 1..`stored` in one chunk at `chunk_at`.
  void run_stored(const store::Repository& repo, int stored, Duration began, Duration chunk_at) {
    store().begin_run(repo.id, stored, false, at(began));
    if (stored == 0) return;
    store::ChunkWrite chunk{repo.id, {}, "cursor", at(chunk_at), {}};
    for (int n = 1; n <= stored; ++n) {
      auto pr = backfill::testing::sample_pull_request(n);
      pr.github_id += repo.github_id * 1'000'000;  // distinct across repositories
      chunk.pulls.push_back(pr);
    }
    store().upsert_chunk(chunk);
  }

  void finish(const store::Repository& repo, store::Status status, Duration when,
              std::optional<std::string> error = std::nullopt,
              std::optional<std::string> resume_after = std::nullopt,
              std::optional<std::int64_t> total_expected = std::nullopt) {
    store::RunEnd end;
    end.status = status;
    end.error = std::move(error);
    end.resume_after = std::move(resume_after);
    end.total_expected = total_expected;
    end.now = at(when);
    store().finish_run(repo.id, end);
  }

  // One tracked repository per verdict, plus one untracked that must not be counted.
  void make_every_state() {
    auto complete = tracked("fleet/complete", 60);
    run_stored(complete, 60, -hours(5), -hours(4));
    finish(complete, store::Status::kCompleted, -hours(4), std::nullopt, std::nullopt, 60);

    auto grown = tracked("fleet/grown", 40);
    run_stored(grown, 40, -hours(5), -hours(4));
    finish(grown, store::Status::kCompleted, -hours(4), std::nullopt, std::nullopt, 40);
    github.create_pulls("fleet/grown", 10);

    tracked("fleet/fresh", 30);

    auto stuck = tracked("fleet/stuck", 80);
    run_stored(stuck, 20, -hours(4), -hours(3));

    auto moving = tracked("fleet/moving", 80);
    run_stored(moving, 20, -hours(1), -minutes(10));

    auto waiting = tracked("fleet/waiting", 70);
    run_stored(waiting, 10, -hours(2), -hours(1));
    finish(waiting, store::Status::kPaused, -hours(1), "rate limit exhausted", at(minutes(30)));

    auto broken = tracked("fleet/broken", 10);
    run_stored(broken, 0, -hours(2), -hours(2));
    finish(broken, store::Status::kFailed, -hours(2), "HTTP 502 from GitHub");

    // Completed, then deleted on GitHub: its count is a 404.
    auto gone =
        store().track_repository(999'999, RepoName{"fleet", "gone"}, 5, at(-hours(24))).repository;
    run_stored(gone, 5, -hours(6), -hours(6));
    finish(gone, store::Status::kCompleted, -hours(6), std::nullopt, std::nullopt, 5);

    const auto ignored_id = github.add_repository("fleet/ignored", 3);
    store().upsert_repository(ignored_id, RepoName{"fleet", "ignored"}, at(-hours(24)));
    github.clear_requests();
  }

  int check(bool json, bool fail_on_incomplete = false) {
    out.str("");
    cli::CheckOptions options;
    options.json = json;
    options.fail_on_incomplete = fail_on_incomplete;
    return cli::command_check_migration_status(config, options, out, clock);
  }
};

TEST_P(CheckMigrationStatus, JudgesEveryTrackedRepositoryWithOneRequestEach) {
  make_every_state();
  ASSERT_EQ(check(/*json=*/true), kExitCompleted);
  const auto report = nlohmann::json::parse(out.str());

  std::map<std::string, nlohmann::json> by_name;
  for (const auto& r : report["repositories"]) by_name[r["repository"]] = r;
  ASSERT_EQ(by_name.size(), 8u);  // fleet/ignored is not tracked
  auto expect = [&](const std::string& repo, const std::string& verdict, nlohmann::json gap,
                    std::int64_t stored, nlohmann::json github_count, nlohmann::json status) {
    SCOPED_TRACE(repo);
    const auto& r = by_name.at(repo);
    EXPECT_EQ(r["verdict"], verdict) << r.dump();
    EXPECT_EQ(r["gap"], gap);
    EXPECT_EQ(r["stored"], stored);
    EXPECT_EQ(r["github_count"], github_count);
    EXPECT_EQ(r["status"], status);
  };
  expect("fleet/complete", "complete", 0, 60, 60, "completed");
  expect("fleet/grown", "incomplete", 10, 40, 50, "completed");
  expect("fleet/fresh", "never started", 30, 0, 30, nullptr);
  expect("fleet/stuck", "stalled", 60, 20, 80, "in_progress");
  expect("fleet/moving", "incomplete", 60, 20, 80, "in_progress");
  expect("fleet/waiting", "paused", 60, 10, 70, "paused");
  expect("fleet/broken", "failed", 10, 0, 10, "failed");
  expect("fleet/gone", "unknown", nullptr, 5, nullptr, "completed");

  EXPECT_EQ(by_name["fleet/stuck"]["last_progress"], at(-hours(3)));
  EXPECT_EQ(by_name["fleet/stuck"]["detail"],
            "in progress, but no progress for 3h00m (since " + at(-hours(3)) + "); 60 PRs to go");
  EXPECT_EQ(by_name["fleet/waiting"]["resume_after"], at(minutes(30)));
  EXPECT_EQ(by_name["fleet/waiting"]["detail"], "rate limit exhausted; may resume after " +
                                                    at(minutes(30)) + " (in 30m); 60 PRs to go");
  EXPECT_EQ(by_name["fleet/broken"]["last_error"], "HTTP 502 from GitHub");
  EXPECT_EQ(by_name["fleet/broken"]["detail"], "HTTP 502 from GitHub");
  EXPECT_NE(by_name["fleet/gone"]["detail"].get<std::string>().find(
                "completed, but GitHub's count is unavailable: "),
            std::string::npos);

  const auto& summary = report["summary"];
  EXPECT_EQ(summary["tracked"], 8);
  EXPECT_EQ(summary["complete"], 1);
  EXPECT_EQ(summary["incomplete"], 2);
  EXPECT_EQ(summary["never_started"], 1);
  EXPECT_EQ(summary["stalled"], 1);
  EXPECT_EQ(summary["paused"], 1);
  EXPECT_EQ(summary["failed"], 1);
  EXPECT_EQ(summary["unknown"], 1);
  EXPECT_EQ(summary["missing_prs"], 10 + 30 + 60 + 60 + 60 + 10);
  EXPECT_EQ(summary["all_complete"], false);
  EXPECT_EQ(report["checked_at"], format_iso8601(clock.now()));
  EXPECT_EQ(report["stall_after_seconds"], 7200);

  // One per_page=1 count per tracked repository, nothing else.
  const auto requests = github.requests();
  EXPECT_EQ(requests.size(), 8u);
  for (const auto& r : requests) {
    EXPECT_NE(r.query.find("per_page=1"), std::string::npos) << r.path << "?" << r.query;
    EXPECT_EQ(r.path.find("ignored"), std::string::npos) << r.path;
  }

  // Each count is recorded in the registry for the scheduler.
  for (const auto& t : store().tracked_repositories()) {
    if (t.repository.name.full() == "fleet/grown") {
      EXPECT_EQ(t.github_pull_count, 50);
      EXPECT_EQ(t.github_count_checked_at, format_iso8601(clock.now()));
    }
    if (t.repository.name.full() == "fleet/gone") {
      EXPECT_EQ(t.github_pull_count, 5);  // the count from before stays
      EXPECT_EQ(t.github_count_checked_at, at(-hours(24)));
    }
  }
}

TEST_P(CheckMigrationStatus, PrintsATableTheDetailsAndASummaryLine) {
  make_every_state();
  ASSERT_EQ(check(/*json=*/false), kExitCompleted);
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("REPOSITORY", 0), 0u) << text;
  for (const char* line : {"fleet/broken: failed: HTTP 502 from GitHub\n",
                           "fleet/waiting: paused: rate limit exhausted; may resume after ",
                           "fleet/fresh: never started: no backfill yet; 30 PRs on GitHub\n",
                           "fleet/grown: incomplete: completed at "}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  EXPECT_EQ(text.find("fleet/complete: complete"), std::string::npos) << text;  // no detail needed
  const std::string summary =
      "\n8 tracked: 1 complete, 2 incomplete, 1 never started, 1 stalled, 1 paused, 1 failed, "
      "1 unknown; 230 PRs not yet stored\n";
  ASSERT_GE(text.size(), summary.size());
  EXPECT_EQ(text.substr(text.size() - summary.size()), summary) << text;
}

TEST_P(CheckMigrationStatus, FailOnIncompleteExitsOneUnlessEveryRepositoryIsComplete) {
  make_every_state();
  EXPECT_EQ(check(false, /*fail_on_incomplete=*/true), kExitFailed);
  EXPECT_EQ(check(true, /*fail_on_incomplete=*/true), kExitFailed);

  for (const char* name : {"grown", "fresh", "stuck", "moving", "waiting", "broken", "gone"}) {
    store().untrack_repository(store().find_repository(RepoName{"fleet", name})->id);
  }
  EXPECT_EQ(check(false, true), kExitCompleted);
  EXPECT_NE(out.str().find("\n1 tracked: 1 complete; 0 PRs not yet stored\n"), std::string::npos)
      << out.str();

  // A new PR on GitHub makes the last one incomplete again.
  github.create_pulls("fleet/complete", 1);
  EXPECT_EQ(check(false, true), kExitFailed);
  EXPECT_EQ(check(false, false), kExitCompleted);
}

TEST_P(CheckMigrationStatus, StallAfterMovesTheLine) {
  make_every_state();
  cli::CheckOptions options;
  options.json = true;
  options.stall_after = minutes(5);  // fleet/moving's last chunk was 10 minutes ago
  ASSERT_EQ(cli::command_check_migration_status(config, options, out, clock), kExitCompleted);
  const auto report = nlohmann::json::parse(out.str());
  EXPECT_EQ(report["summary"]["stalled"], 2);
  EXPECT_EQ(report["stall_after_seconds"], 300);
}

TEST_P(CheckMigrationStatus, WithNothingTrackedSaysSo) {
  ASSERT_EQ(check(false, true), kExitCompleted);
  EXPECT_EQ(out.str(),
            "0 tracked: nothing to check (add repositories with `backfill track OWNER/NAME`)\n");
  EXPECT_TRUE(github.requests().empty());
}

TEST_P(CheckMigrationStatus, ARejectedTokenEndsTheCheck) {
  make_every_state();
  github.set_valid_token("right-token");
  config.token = "wrong-token";
  EXPECT_THROW(check(false), github::GitHubError);
  EXPECT_EQ(github.requests().size(), 1u);
}

TEST_P(CheckMigrationStatus, ARepositoryTrackedWithDepthShowsItsScopeVerdict) {
  auto deep = tracked("fleet/deep", 60);
  store().set_backfill_with(deep.id, "comments,details,reviews");
  run_stored(deep, 60, -hours(5), -hours(4));
  finish(deep, store::Status::kCompleted, -hours(4), std::nullopt, std::nullopt, 60);
  store().begin_scope(deep.id, "comments,details,reviews", 60, false, at(-hours(3)));
  store::RunEnd paused;
  paused.status = store::Status::kPaused;
  paused.error = "GraphQL rate limit <exhausted>";
  paused.resume_after = at(minutes(30));
  paused.now = at(-hours(3));
  store().finish_scope(deep.id, "comments,details,reviews", paused);
  auto plain = tracked("fleet/plain", 10);
  run_stored(plain, 10, -hours(5), -hours(4));
  finish(plain, store::Status::kCompleted, -hours(4), std::nullopt, std::nullopt, 10);

  ASSERT_EQ(check(/*json=*/false, /*fail_on_incomplete=*/true), kExitFailed);
  const std::string text = out.str();
  EXPECT_NE(text.find("\ndepth scopes (--with):\nREPOSITORY  SCOPE "), std::string::npos) << text;
  EXPECT_NE(text.find("fleet/deep (comments,details,reviews): paused: GraphQL rate limit "
                      "<exhausted>; may resume after "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n2 tracked: 2 complete; 0 PRs not yet stored; 1 depth scope: 1 paused\n"),
            std::string::npos)
      << text;

  ASSERT_EQ(check(/*json=*/true), kExitCompleted);
  const auto report = nlohmann::json::parse(out.str());
  ASSERT_EQ(report["repositories"].size(), 2u);
  EXPECT_FALSE(report["repositories"][0].contains("scope"));
  ASSERT_EQ(report["scopes"].size(), 1u);
  const auto& scope = report["scopes"][0];
  EXPECT_EQ(scope["repository"], "fleet/deep");
  EXPECT_EQ(scope["scope"], "comments,details,reviews");
  EXPECT_EQ(scope["verdict"], "paused");
  EXPECT_EQ(scope["stored"], 0);
  EXPECT_EQ(scope["github_count"], 60);
  EXPECT_EQ(report["summary"]["all_complete"], false);
  EXPECT_EQ(report["summary"]["depth_scopes"]["paused"], 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, CheckMigrationStatus, testing::backends(),
                         testing::backend_test_name);

}  // namespace
}  // namespace backfill::fleet
