// The real binary under faults: kill -9 at random moments while GitHub
// misbehaves, and a stop signal during a long rate-limit wait.
#include <signal.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>
#include <random>

#include "fake_github/fault_policies.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

using fake_github::Fault;

class Resilience : public BackfillE2E {};

TEST_P(Resilience, KillNineDuringFaultsLosesNothing) {
  github_.add_repository("octo/storm", 700);
  github_.set_slow_reply_hold(std::chrono::milliseconds(3000));
  fake_github::RandomFaults::Options options;
  options.seed = 99;
  options.share = 0.25;
  options.faults = {Fault::kServerError500, Fault::kBadGateway502, Fault::kConnectionReset,
                    Fault::kTruncatedBody,  Fault::kHtmlErrorPage, Fault::kSecondaryLimit403};
  github_.set_secondary_retry_after(0);
  github_.set_fault_policy(std::make_shared<fake_github::RandomFaults>(options));

  std::mt19937 rng(424242);
  std::atomic<pid_t> victim{0};
  std::atomic<std::size_t> kill_at{0};
  github_.on_request([&](std::size_t i, const fake_github::RecordedRequest&) {
    if (i != kill_at.load()) return;
    victim.wait(0);  // the test stores the pid right after the fork
    kill(victim.load(), SIGKILL);
  });
  const std::vector<std::string> args = {
      "--repo",        "octo/storm", "--chunk-size", "25", "--backoff-base-ms", "1",
      "--max-retries", "20"};
  int killed = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    github_.clear_requests();
    kill_at = std::uniform_int_distribution<std::size_t>(2, 8)(rng);
    victim = 0;
    auto child = start(args);
    victim = child->pid();
    victim.notify_all();
    auto r = child->wait();
    if (r.signal == SIGKILL) ++killed;
    if (auto processed = progress("octo/storm", "total_processed")) {
      EXPECT_EQ(std::stoll(*processed), stored_rows("octo/storm"));
    }
  }
  EXPECT_GE(killed, 3);
  github_.on_request(nullptr);
  auto final_run = run(args);
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  expect_exact_copy("octo/storm");
  // Every run that got as far as the database left one backfill_runs row.
  // Every run left a backfill_runs row: the killed ones never ended, the
  // last one completed.
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM backfill_runs WHERE ended_at IS NULL"), killed);
  EXPECT_GE(
      query_int(db(),
                "SELECT count(*) FROM backfill_runs WHERE status = 'completed' AND exit_code = 0"),
      1);
}

TEST_P(Resilience, StopSignalDuringARateLimitWaitPausesWithinTwoSeconds) {
  github_.add_repository("octo/waiting", 300);
  // Someone else empties the token's budget for the next hour just as our
  // page 2 request arrives: the run must wait for the reset.
  std::promise<void> limited;
  const auto reset = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 3600;
  github_.on_request([&](std::size_t i, const fake_github::RecordedRequest&) {
    if (i == 4) {
      github_.set_rate_limit(5000, 0, reset);
      limited.set_value();
    }
  });
  auto child = start({"--repo", "octo/waiting"});
  limited.get_future().wait();
  // Signal only once the run says it is waiting for the reset, an hour away.
  ASSERT_TRUE(child->wait_for_stderr("waiting until"));
  child->send(SIGTERM);
  const auto sent = std::chrono::steady_clock::now();
  auto r = child->wait(std::chrono::seconds(10));
  EXPECT_LT(std::chrono::steady_clock::now() - sent, std::chrono::seconds(2));
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_EQ(progress("octo/waiting", "status"), "paused");
  EXPECT_EQ(stored_rows("octo/waiting"), 100);
  EXPECT_EQ(api_requests(), 4u);  // nothing after the 403
}

TEST_P(Resilience, WaitLongerThanTheTimeBudgetExitsResumable) {
  github_.add_repository("octo/budgeted", 300);
  const auto reset = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 3600;
  // Enough for the repository and the count; the listing must wait an hour.
  github_.exhaust_budget_after(2, reset);
  auto r = run({"--repo", "octo/budgeted", "--time-budget", "20m", "--min-remaining", "0"});
  EXPECT_EQ(r.exit_code, 75) << r.err;
  auto result = nlohmann::json::parse(r.out);
  EXPECT_EQ(result["status"], "paused");
  EXPECT_TRUE(result.contains("resume_after"));
  EXPECT_EQ(progress("octo/budgeted", "status"), "paused");
  EXPECT_TRUE(progress("octo/budgeted", "resume_after").has_value());
  EXPECT_EQ(api_requests(), 2u);
}

TEST_P(Resilience, RateLimitCommandShowsTheBudgetWithoutSpendingIt) {
  github_.add_repository("octo/any", 10);
  ASSERT_EQ(run({"--repo", "octo/any"}).exit_code, 0);
  auto json = run({"rate-limit", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto list = nlohmann::json::parse(json.out);
  auto core =
      std::find_if(list.begin(), list.end(), [](const auto& r) { return r["resource"] == "core"; });
  ASSERT_NE(core, list.end()) << json.out;
  EXPECT_EQ((*core)["limit"], 5000);
  EXPECT_EQ((*core)["remaining"], 5000 - 3);  // repository, count, one page
  auto table = run({"rate-limit"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("core"), std::string::npos);
  EXPECT_NE(table.out.find("4997"), std::string::npos) << table.out;
}

BACKFILL_E2E_BACKENDS(Resilience);

}  // namespace
}  // namespace backfill::testing
