// The chunk loop under everything GitHub and the network do wrong, with the
// real client and database, in virtual time.
#include <gtest/gtest.h>

#include "fake_github/fault_policies.hpp"
#include "support/db_probe.hpp"
#include "support/engine_harness.hpp"

namespace backfill::testing {
namespace {

using engine::RunResult;
using fake_github::Fault;
using std::chrono::seconds;

struct FaultMix {
  const char* name;
  std::vector<Fault> faults;
};

class EngineFaults : public ::testing::TestWithParam<std::tuple<store::Backend, FaultMix>> {
 protected:
  EngineFaults() : h(std::get<0>(GetParam())) {}

  void expect_exact_copy(const std::string& repo) {
    const auto numbers = h.github.pull_numbers(repo);
    EXPECT_EQ(query_ints(h.db(), "SELECT number FROM pull_requests ORDER BY number"),
              std::vector<std::int64_t>(numbers.begin(), numbers.end()));
    EXPECT_EQ(query_int(h.db(), "SELECT total_processed FROM backfill_progress"),
              query_int(h.db(), "SELECT count(*) FROM pull_requests"));
  }

  EngineHarness h;
};

TEST_P(EngineFaults, CompletesWithExactDataUnderTheFaultMix) {
  const auto& mix = std::get<1>(GetParam());
  h.github.add_repository("octo/faulty", 450);
  // A slow reply outlasts the client's timeout; an ordinary one on a loaded
  // machine does not. (stop() cuts the hold short.)
  h.github.set_slow_reply_hold(std::chrono::seconds(60));
  h.total_timeout_ms = 3000;
  fake_github::RandomFaults::Options options;
  options.seed = 7;
  options.share = 0.3;
  options.faults = mix.faults;
  auto policy = std::make_shared<fake_github::RandomFaults>(options);
  h.github.set_fault_policy(policy);

  auto params = h.params_for("octo/faulty");
  params.chunk_size = 25;
  auto outcome = h.run(params);
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_GT(policy->injected(), 0u);
  // Every fault the client saw cost exactly one retry. (curl itself silently
  // re-sends a request whose reused connection died before any reply, so a
  // reset may never reach us.)
  EXPECT_GT(outcome.retries, 0);
  EXPECT_LE(outcome.retries, static_cast<long>(policy->injected()));
  expect_exact_copy("octo/faulty");
  // One metrics row per committed chunk, retries accounted to the chunks.
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM backfill_chunks"), outcome.chunks);
  EXPECT_EQ(query_int(h.db(), "SELECT sum(pr_count) FROM backfill_chunks"), 450);
  EXPECT_EQ(query_int(h.db(), "SELECT retries FROM backfill_runs"), outcome.retries);
}

std::string mix_name(const ::testing::TestParamInfo<std::tuple<store::Backend, FaultMix>>& info) {
  return backend_name(std::get<0>(info.param)) + "_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(
    Mixes, EngineFaults,
    ::testing::Combine(
        ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
        ::testing::Values(
            FaultMix{
                "ServerErrors",
                {Fault::kServerError500, Fault::kBadGateway502, Fault::kServiceUnavailable503}},
            FaultMix{"BrokenConnections", {Fault::kConnectionReset, Fault::kTruncatedBody}},
            FaultMix{"SlowReplies", {Fault::kSlowReply}},
            FaultMix{"SecondaryLimits",
                     {Fault::kSecondaryLimit403, Fault::kSecondaryLimit403NoRetryAfter,
                      Fault::kSecondaryLimit429}},
            FaultMix{"HtmlPages", {Fault::kHtmlErrorPage}},
            FaultMix{"Everything",
                     {Fault::kServerError500, Fault::kBadGateway502, Fault::kConnectionReset,
                      Fault::kTruncatedBody, Fault::kSecondaryLimit403, Fault::kHtmlErrorPage}})),
    mix_name);

class EngineBudget : public ::testing::TestWithParam<store::Backend> {
 protected:
  EngineBudget() : h(GetParam()) {}
  EngineHarness h;
};

TEST_P(EngineBudget, ReserveIsKeptAndNothingIsSentUntilTheReset) {
  h.github.add_repository("octo/budget", 2000);
  const std::int64_t reset = h.epoch_now() + 600;
  h.github.exhaust_budget_after(110, reset);  // 10 usable above the reserve of 100
  auto outcome = h.run(h.params_for("octo/budget"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  const auto requests = h.github.requests();
  ASSERT_EQ(requests.size(), 2u + 20u);
  // The 10 usable calls went before the reset, spread over the window (the
  // work needed more than the budget had), never below the reserve; the
  // 11th waited for reset + 1 s.
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_NE(requests[i].status, 403) << i;
    if (i < 10) {
      EXPECT_LT(requests[i].epoch, reset) << i;
    } else {
      EXPECT_GE(requests[i].epoch, reset + 1) << i;
    }
  }
  EXPECT_EQ(requests[10].epoch, reset + 1);
  EXPECT_GE(requests[9].epoch - requests[0].epoch, 400);  // paced, not a burst
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 2000);
}

TEST_P(EngineBudget, PrimaryLimitHitByAnotherUserWaitsForTheResetOnce) {
  h.github.add_repository("octo/shared", 600);
  const std::int64_t reset = h.epoch_now() + 900;
  // Someone else spends the token's budget just before our 4th request.
  h.github.on_request([&](std::size_t i, const fake_github::RecordedRequest&) {
    if (i == 4) h.github.set_rate_limit(5000, 0, reset);
  });
  auto outcome = h.run(h.params_for("octo/shared"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  const auto requests = h.github.requests();
  std::size_t forbidden = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].status == 403) {
      ++forbidden;
      ASSERT_LT(i + 1, requests.size());
      EXPECT_GE(requests[i + 1].epoch, reset + 1);  // nothing sent before the reset
    }
  }
  EXPECT_EQ(forbidden, 1u);
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 600);
}

TEST_P(EngineBudget, AWaitLongerThanTheTimeBudgetPausesAndTheNextRunFinishes) {
  h.github.add_repository("octo/later", 500);
  const std::int64_t reset = h.epoch_now() + 3600;
  h.github.exhaust_budget_after(103, reset);  // 3 usable: repository, count, page 1
  auto params = h.params_for("octo/later");
  params.time_budget = seconds(300);
  auto first = h.run(params);
  ASSERT_EQ(first.result, RunResult::kPaused) << first.reason;
  EXPECT_EQ(engine::exit_code_for(first.result), 75);
  // It paced its 3 usable calls inside the 5 minutes, then did not wait an
  // hour for the reset.
  Duration waited{0};
  for (auto w : h.clock.waits()) waited += w;
  EXPECT_LT(waited, seconds(300));
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 100);
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_progress"), "paused");
  EXPECT_NE(query_value(h.db(), "SELECT last_error FROM backfill_progress")
                .value_or("")
                .find("rate limit"),
            std::string::npos);
  EXPECT_TRUE(query_value(h.db(), "SELECT resume_after FROM backfill_progress").has_value());
  ASSERT_TRUE(first.resume_at);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*first.resume_at), reset + 1);

  h.clock.advance(seconds(3601));
  auto second = h.run(params);
  ASSERT_EQ(second.result, RunResult::kCompleted) << second.reason;
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 500);
  EXPECT_FALSE(query_value(h.db(), "SELECT resume_after FROM backfill_progress").has_value());
}

TEST_P(EngineBudget, RetriesRunOutThenTheRunFailsKeepingCommittedChunks) {
  h.github.add_repository("octo/down", 300);
  // Page 2 (request 4) and every retry of it answer 503.
  std::map<std::size_t, Fault> script;
  for (std::size_t i = 4; i <= 4 + 5; ++i) script[i] = Fault::kServiceUnavailable503;
  h.github.set_fault_policy(std::make_shared<fake_github::ScriptedFaults>(script));
  auto params = h.params_for("octo/down");
  params.runner.policy.max_retries = 5;
  auto outcome = h.run(params);
  ASSERT_EQ(outcome.result, RunResult::kFailed);
  EXPECT_EQ(h.github.requests().size(), 3u + 6u);
  // Backoff with the jitter draw pinned at 0.5: half of 1, 2, 4, 8, 16 s.
  EXPECT_EQ(h.clock.waits(), (std::vector<Duration>{std::chrono::milliseconds(500), seconds(1),
                                                    seconds(2), seconds(4), seconds(8)}));
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 100);
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_progress"), "failed");
  EXPECT_EQ(query_int(h.db(), "SELECT error_count FROM backfill_progress"), 1);
  EXPECT_NE(
      query_value(h.db(), "SELECT last_error FROM backfill_progress").value_or("").find("503"),
      std::string::npos);
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_runs"), "failed");

  h.github.set_fault_policy(nullptr);
  auto again = h.run(params);
  ASSERT_EQ(again.result, RunResult::kCompleted) << again.reason;
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 300);
}

TEST_P(EngineBudget, SecondaryLimitWaitsFollowGithubsRules) {
  h.github.add_repository("octo/abuse", 150);
  h.github.set_secondary_retry_after(30);
  h.github.set_fault_policy(std::make_shared<fake_github::ScriptedFaults>(
      std::map<std::size_t, Fault>{{3, Fault::kSecondaryLimit403},
                                   {4, Fault::kSecondaryLimit403},
                                   {5, Fault::kSecondaryLimit403NoRetryAfter}}));
  auto outcome = h.run(h.params_for("octo/abuse"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  // retry-after 30, then doubled on the repeat, then at least 60 s doubled twice.
  EXPECT_EQ(h.clock.waits(), (std::vector<Duration>{seconds(30), seconds(60), seconds(240)}));
}

TEST_P(EngineBudget, CancelledDuringALongWaitPauses) {
  h.github.add_repository("octo/stopped", 300);
  h.github.exhaust_budget_after(103, h.epoch_now() + 3600);
  // SIGTERM arrives while the run waits an hour for the reset.
  h.clock.during_sleep = [&](Duration d) {
    if (d > std::chrono::minutes(30)) h.cancel.request_stop();
  };
  auto outcome = h.run(h.params_for("octo/stopped"));
  EXPECT_EQ(outcome.result, RunResult::kPaused);
  EXPECT_EQ(outcome.reason, "interrupted by a stop signal");
  EXPECT_EQ(h.github.requests().size(), 3u);  // nothing sent after the signal
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_progress"), "paused");
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, EngineBudget,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         [](const auto& test) { return backend_name(test.param); });

}  // namespace
}  // namespace backfill::testing
