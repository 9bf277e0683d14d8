// `backfill work` in-process: real curl transports and clients against the
// fake GitHub server, real databases, several worker threads.
#include <nlohmann/json.hpp>

#include "backfill/cli/fleet_commands.hpp"
#include "backfill/core/errors.hpp"
#include "fleet/fleet_fixture.hpp"

namespace backfill::fleet {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::FleetTest;

class WorkCommand : public FleetTest {
 protected:
  WorkCommand() { config.chunk_size = 25; }

  std::string track(const std::string& name, int pulls) {
    const auto github_id = github.add_repository(name, pulls);
    return store()
        .track_repository(github_id, parse_repo_name(name), pulls, at(hours(0)))
        .repository.id;
  }
  // Tracked, but gone from GitHub: its run fails with 404.
  void track_missing(const std::string& name) {
    store().track_repository(424242, parse_repo_name(name), 5, at(hours(0)));
  }
  WorkOptions options(int workers) {
    WorkOptions o;
    o.workers = workers;
    o.until_empty = true;
    o.poll_interval = milliseconds(20);
    return o;
  }
  int work(const WorkOptions& o) {
    SystemClock real;
    return cli::command_work(config, o, out, real, cancel);
  }
  // The run lines and the summary line printed.
  std::vector<nlohmann::json> runs() {
    std::vector<nlohmann::json> lines;
    std::istringstream text(out.str());
    for (std::string line; std::getline(text, line);) {
      auto json = nlohmann::json::parse(line);
      if (!json.contains("summary")) lines.push_back(json);
    }
    return lines;
  }
  nlohmann::json summary() {
    std::istringstream text(out.str());
    nlohmann::json last;
    for (std::string line; std::getline(text, line);) last = nlohmann::json::parse(line);
    return last.at("summary");
  }
  void expect_complete(const std::string& name, const std::string& id) {
    EXPECT_EQ(store().count_pulls(id), static_cast<std::int64_t>(github.pull_numbers(name).size()))
        << name;
    const auto progress = store().load_progress(id);
    ASSERT_TRUE(progress) << name;
    EXPECT_EQ(progress->status, store::Status::kCompleted) << name;
  }

  CancelToken cancel;
};

TEST_P(WorkCommand, OneWorkerCompletesEveryTrackedRepositoryAndExitsWhenEmpty) {
  const auto a = track("o/alpha", 130);
  const auto b = track("o/beta", 0);
  ASSERT_EQ(work(options(1)), kExitCompleted) << out.str();
  expect_complete("o/alpha", a);
  expect_complete("o/beta", b);
  const auto lines = runs();
  ASSERT_EQ(lines.size(), 2u) << out.str();
  EXPECT_EQ(lines[0].at("repository"), "o/alpha");  // never started, then by name
  EXPECT_EQ(lines[0].at("worker"), 1);
  EXPECT_EQ(lines[0].at("status"), "completed");
  EXPECT_EQ(summary().at("completed"), 2);
  EXPECT_EQ(summary().at("unfinished"), 0);
  EXPECT_EQ(summary().at("exit_code"), 0);
  // Each worker says who it is.
  for (const auto& request : github.requests()) {
    EXPECT_NE(request.user_agent.find("(worker 1, pid "), std::string::npos) << request.user_agent;
  }
}

TEST_P(WorkCommand, AFailedRepositoryIsNotRetriedAndTheOthersStillRun) {
  const auto a = track("o/alpha", 60);
  track_missing("o/gone");
  const auto c = track("o/gamma", 30);
  EXPECT_EQ(work(options(1)), kExitFailed);
  expect_complete("o/alpha", a);
  expect_complete("o/gamma", c);
  int gone_runs = 0;
  for (const auto& line : runs()) {
    if (line.at("repository") == "o/gone") {
      ++gone_runs;
      EXPECT_EQ(line.at("status"), "failed");
    }
  }
  EXPECT_EQ(gone_runs, 1);
  EXPECT_EQ(summary().at("failed"), 1);
  EXPECT_EQ(summary().at("unfinished"), 1);
}

TEST_P(WorkCommand, ARejectedTokenStopsEveryWorkerAfterOneRun) {
  track("o/alpha", 30);
  track("o/beta", 30);
  track("o/gamma", 30);
  config.token = "ghp_revokedToken00000000000000000000000000";
  github.set_valid_token("ghp_theOnlyValidToken000000000000000000000");
  EXPECT_EQ(work(options(1)), kExitFailed);
  // One repository found out the token is bad; the others were not marked
  // failed for it.
  EXPECT_EQ(runs().size(), 1u) << out.str();
  EXPECT_EQ(summary().at("failed"), 1);
  EXPECT_EQ(summary().at("unfinished"), 3);
}

TEST_P(WorkCommand, WithoutUntilEmptyItLooksForWorkUntilItsTimeBudget) {
  // Paused until a reset far ahead: not claimable during the budget.
  const auto waiting = track("o/waiting", 10);
  store().begin_run(waiting, 10, false, at(hours(0)));
  store::RunEnd end;
  end.status = store::Status::kPaused;
  end.resume_after = at(hours(5));
  end.now = at(hours(0));
  store().finish_run(waiting, end);

  auto o = options(1);
  o.until_empty = false;
  o.time_budget = seconds(90);
  o.poll_interval = seconds(2);
  const auto started = clock.now();
  EXPECT_EQ(cli::command_work(config, o, out, clock, cancel), kExitResumable);
  EXPECT_GE(clock.now() - started, seconds(89));  // it waited (on the clock) for work
  EXPECT_LE(clock.now() - started, seconds(92));
  EXPECT_TRUE(runs().empty());
  EXPECT_EQ(summary().at("stopped_by"), "time budget");
  EXPECT_TRUE(github.requests().empty());

  // Nothing unfinished at all: the budget running out is no reason for 75.
  ASSERT_TRUE(store().untrack_repository(waiting));
  out.str("");
  EXPECT_EQ(cli::command_work(config, o, out, clock, cancel), kExitCompleted);
}

TEST_P(WorkCommand, AStopRequestStopsEveryWorker) {
  track("o/alpha", 10);
  cancel.request_stop();
  EXPECT_EQ(work(options(1)), kExitResumable);
  EXPECT_EQ(summary().at("stopped_by"), "signal");
  EXPECT_TRUE(github.requests().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkCommand, testing::backends(), testing::backend_test_name);

class ParallelWork : public WorkCommand {};

TEST_P(ParallelWork, SqliteRefusesSeveralWorkersBeforeDoingAnything) {
  backfill::testing::TestDatabase sqlite(store::Backend::kSqlite);
  config.database_url = sqlite.url();
  try {
    work(options(2));
    FAIL() << "--workers 2 on SQLite was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--workers 2 needs PostgreSQL"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(out.str().empty());
}

TEST_P(ParallelWork, ThreeWorkersShareTheQueueAndCompleteEverything) {
  std::vector<std::pair<std::string, std::string>> repos;
  for (int i = 0; i < 5; ++i) {
    const std::string name = "o/repo" + std::to_string(i);
    repos.emplace_back(name, track(name, 110 + 20 * i));
  }
  github.set_latency(milliseconds(20));  // a run lasts long enough for all to start
  ASSERT_EQ(work(options(3)), kExitCompleted) << out.str();
  for (const auto& [name, id] : repos) expect_complete(name, id);
  const auto lines = runs();
  EXPECT_EQ(lines.size(), 5u);
  std::set<int> workers;
  for (const auto& line : lines) workers.insert(line.at("worker").get<int>());
  EXPECT_GE(workers.size(), 2u) << out.str();
  EXPECT_EQ(summary().at("workers"), 3);
}

// The budget is the token's, not each worker's: together the workers leave
// the reserve alone, and wait for the reset instead.
TEST_P(ParallelWork, WorkersTogetherKeepTheReserve) {
  const std::int64_t reset = std::chrono::system_clock::to_time_t(clock.now()) + 3600;
  github.set_clock([this] { return std::chrono::system_clock::to_time_t(clock.now()); });
  github.set_rate_limit(1000, 130, reset);  // 30 usable above the reserve of 100
  config.min_remaining = 100;
  std::vector<std::pair<std::string, std::string>> repos;
  for (int i = 0; i < 4; ++i) {
    const std::string name = "o/big" + std::to_string(i);
    repos.emplace_back(name, track(name, 1000));  // 11 requests each: 44 in all
  }
  auto o = options(3);
  o.poll_interval = milliseconds(1);  // the ManualClock makes waits instant
  ASSERT_EQ(cli::command_work(config, o, out, clock, cancel), kExitCompleted) << out.str();
  for (const auto& [name, id] : repos) expect_complete(name, id);
  long before_reset = 0;
  for (const auto& request : github.requests()) {
    EXPECT_EQ(request.status, 200) << request.path;
    if (request.epoch < reset) ++before_reset;
  }
  EXPECT_LE(before_reset, 30);
  EXPECT_GE(before_reset, 20);  // it did not give up on the window's usable part either
}

INSTANTIATE_TEST_SUITE_P(Postgres, ParallelWork, ::testing::Values(store::Backend::kPostgres),
                         testing::backend_test_name);

}  // namespace
}  // namespace backfill::fleet
