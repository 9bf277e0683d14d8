// The one rate-limit governor that the workers of `backfill work` share:
// pure logic with a ManualClock, then threads against a counting "server".
#include "backfill/engine/shared_budget.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "backfill/core/errors.hpp"
#include "backfill/engine/request_runner.hpp"
#include "support/manual_clock.hpp"

namespace backfill::engine {
namespace {

using github::RateLimitSnapshot;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Verdict = SharedBudget::Verdict;

const SystemTime kNow{seconds(1'700'000'000)};
const std::int64_t kNowEpoch = 1'700'000'000;

RateLimitSnapshot budget(std::int64_t remaining, std::int64_t reset_epoch = kNowEpoch + 3600,
                         std::int64_t limit = 5000) {
  RateLimitSnapshot r;
  r.limit = limit;
  r.remaining = remaining;
  r.used = limit - remaining;
  r.reset_epoch = reset_epoch;
  r.resource = "core";
  return r;
}

TEST(SharedBudget, KeepsTheLowestRemainingOfAWindowAndTheLatestWindow) {
  SharedBudget shared;
  EXPECT_FALSE(shared.snapshot().known());
  shared.offer(budget(4000));
  shared.offer(budget(3990));
  shared.offer(budget(3995));  // a reply overtaken by a later one
  EXPECT_EQ(shared.snapshot().remaining, 3990);
  EXPECT_EQ(shared.snapshot().used, 1010);
  shared.offer(budget(4999, kNowEpoch + 7200));  // the window reset: a fresh budget
  EXPECT_EQ(shared.snapshot().remaining, 4999);
  EXPECT_EQ(shared.snapshot().reset_epoch, kNowEpoch + 7200);
  shared.offer(budget(10));  // a late reply from the old window
  EXPECT_EQ(shared.snapshot().remaining, 4999);
  shared.offer(RateLimitSnapshot{});  // a reply without headers (a reset connection)
  EXPECT_EQ(shared.snapshot().remaining, 4999);
}

TEST(SharedBudget, GoesAtOnceWhileNothingIsKnownOrTheWindowHasReset) {
  SharedBudget shared;
  auto a = shared.admit(kNow, 100);
  EXPECT_EQ(a.verdict, Verdict::kGo);
  EXPECT_EQ(a.until, kNow);
  shared.finished();
  shared.offer(budget(0, kNowEpoch - 5));
  EXPECT_EQ(shared.admit(kNow, 100).verdict, Verdict::kGo);
  EXPECT_EQ(shared.in_flight(), 1);
}

TEST(SharedBudget, RequestsInFlightCountAgainstTheReserve) {
  SharedBudget shared;
  shared.offer(budget(105));
  for (int i = 0; i < 5; ++i) {
    auto a = shared.admit(kNow, 100);
    ASSERT_EQ(a.verdict, Verdict::kGo) << i;
    EXPECT_EQ(a.remaining, 105 - i);
  }
  // Five requests are out: whatever their replies say, only the reserve is left.
  auto sixth = shared.admit(kNow, 100);
  EXPECT_EQ(sixth.verdict, Verdict::kWaitForReset);
  EXPECT_EQ(sixth.until, kNow + seconds(3601));
  EXPECT_EQ(sixth.remaining, 100);
  EXPECT_EQ(sixth.reserve, 100);
  EXPECT_EQ(shared.snapshot().remaining, 100);
  EXPECT_EQ(shared.in_flight(), 5);
  // A reply lands: 104 left after the first, four still out.
  shared.offer(budget(104));
  shared.finished();
  EXPECT_EQ(shared.admit(kNow, 100).verdict, Verdict::kWaitForReset);
  // The other four come back having spent one each: still only the reserve.
  for (int i = 0; i < 4; ++i) {
    shared.offer(budget(103 - i));
    shared.finished();
  }
  EXPECT_EQ(shared.in_flight(), 0);
  EXPECT_EQ(shared.snapshot().remaining, 100);
  EXPECT_EQ(shared.admit(kNow, 100).verdict, Verdict::kWaitForReset);
}

TEST(SharedBudget, PacesThePoolNotEachWorker) {
  SharedBudget shared;
  int a = 0, b = 0;
  shared.offer(budget(499));  // 399 usable, 3600 s to the reset
  shared.set_requests_needed(&a, 1000);
  shared.set_requests_needed(&b, 1000);
  // One interval apart for both workers together: 3600 s / (399 + 1) = 9 s.
  auto first = shared.admit(kNow, 100);
  auto second = shared.admit(kNow, 100);
  EXPECT_EQ(first.verdict, Verdict::kGo);
  EXPECT_EQ(first.until, kNow);
  EXPECT_EQ(second.verdict, Verdict::kGo);
  EXPECT_EQ(second.until, kNow + milliseconds(9000));
  // The third slot follows the second by the interval the pool had when the
  // second was admitted (one in flight: 398 usable).
  auto third = shared.admit(kNow, 100);
  EXPECT_EQ(third.until, kNow + milliseconds(9000) + milliseconds(3'600'000 / 399));
}

TEST(SharedBudget, DoesNotPaceWhenThePooledNeedFits) {
  SharedBudget shared;
  int a = 0, b = 0;
  shared.offer(budget(499));
  shared.set_requests_needed(&a, 150);
  shared.set_requests_needed(&b, 150);
  EXPECT_EQ(shared.admit(kNow, 100).until, kNow);
  EXPECT_EQ(shared.admit(kNow, 100).until, kNow);
  // A third worker's need tips the pool over what is usable.
  int c = 0;
  shared.set_requests_needed(&c, 150);
  shared.admit(kNow, 100);
  EXPECT_GT(shared.admit(kNow, 100).until, kNow);
  shared.forget(&c);
  shared.forget(&b);
  EXPECT_EQ(shared.admit(kNow + seconds(60), 100).until, kNow + seconds(60));
}

TEST(SharedBudget, ATicketGivesItsRequestBackWhenDropped) {
  SharedBudget shared;
  shared.offer(budget(1000));
  {
    shared.admit(kNow, 100);
    BudgetTicket ticket(&shared);
    EXPECT_EQ(shared.in_flight(), 1);
  }
  EXPECT_EQ(shared.in_flight(), 0);
  shared.admit(kNow, 100);
  BudgetTicket answered(&shared);
  answered.answered(budget(950));
  EXPECT_EQ(shared.in_flight(), 0);
  EXPECT_EQ(shared.snapshot().remaining, 950);
}

// Two runners, two clients: what one client saw holds the other back.
TEST(SharedBudget, ARunnerWaitsOnWhatAnotherRunnersClientSaw) {
  testing::ManualClock clock(kNow);
  CancelToken cancel;
  SharedBudget shared;
  RunnerParams params;
  params.min_remaining = 100;
  params.shared_budget = &shared;
  RequestRunner first(params, clock, cancel, [] { return 0.5; });
  RequestRunner second(params, clock, cancel, [] { return 0.5; });

  RateLimitSnapshot first_client;  // updated by the "reply", as GitHubClient does
  first.run("GET a", first_client, [&] {
    first_client = budget(100, kNowEpoch + 600);
    return 1;
  });
  EXPECT_TRUE(clock.waits().empty());
  const RateLimitSnapshot second_client;  // has seen nothing yet
  int calls = 0;
  second.run("GET b", second_client, [&] { return ++calls; });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(clock.waits(), (std::vector<Duration>{seconds(601)}));
  EXPECT_EQ(shared.in_flight(), 0);
}

TEST(SharedBudget, APacedWaitPastTheDeadlinePausesAndGivesTheSlotBack) {
  testing::ManualClock clock(kNow);
  CancelToken cancel;
  SharedBudget shared;
  int other = 0;
  shared.offer(budget(499));
  shared.set_requests_needed(&other, 5000);
  shared.admit(kNow, 100);  // another worker's request takes the first slot
  RunnerParams params;
  params.shared_budget = &shared;
  params.deadline = kNow + seconds(1);
  RequestRunner runner(params, clock, cancel, [] { return 0.5; });
  const RateLimitSnapshot rate;
  EXPECT_THROW(runner.run("GET x", rate, [] { return 1; }), PauseRequired);
  EXPECT_EQ(shared.in_flight(), 1);  // only the other worker's
}

// A worker of a GitHub App whose installation ran out: the run pauses at
// once, resuming at the reset, and the worker is free for other work.
TEST(SharedBudget, PauseForResetPausesInsteadOfWaiting) {
  testing::ManualClock clock(kNow);
  CancelToken cancel;
  SharedBudget shared;
  shared.offer(budget(0, kNowEpoch + 600));
  RunnerParams params;
  params.min_remaining = 0;
  params.shared_budget = &shared;
  params.pause_for_reset = true;
  RequestRunner runner(params, clock, cancel, [] { return 0.5; });
  const RateLimitSnapshot rate;
  int calls = 0;
  try {
    runner.run("GET x", rate, [&] { return ++calls; });
    ADD_FAILURE() << "no pause";
  } catch (const PauseRequired& pause) {
    EXPECT_EQ(pause.resume_at(), kNow + seconds(601));
  }
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(clock.waits().empty());
  EXPECT_EQ(shared.in_flight(), 0);
}

// ... and it does not pace either: the budget is spent at once, then the
// run pauses (the same requests per hour, no worker idle between them).
TEST(SharedBudget, PauseForResetDoesNotPace) {
  testing::ManualClock clock(kNow);
  CancelToken cancel;
  SharedBudget shared;
  int other = 0;
  shared.offer(budget(3, kNowEpoch + 600));
  shared.set_requests_needed(&other, 5000);  // far more than 3: others would pace
  RunnerParams params;
  params.min_remaining = 0;
  params.shared_budget = &shared;
  params.pause_for_reset = true;
  RequestRunner runner(params, clock, cancel, [] { return 0.5; });
  RateLimitSnapshot client;
  std::int64_t server = 3;
  int calls = 0;
  auto call = [&] {
    client = budget(--server, kNowEpoch + 600);
    return ++calls;
  };
  for (int i = 0; i < 3; ++i) runner.run("GET x", client, call);
  EXPECT_THROW(runner.run("GET x", client, call), PauseRequired);
  EXPECT_EQ(calls, 3);
  EXPECT_TRUE(clock.waits().empty());
}

// A depth run's GraphQL queries are governed by the GraphQL pool: REST's
// exhausted budget does not hold them back, and what they report stays out
// of REST's pool (and the reverse).
TEST(SharedBudget, GraphqlQueriesDrawOnTheGraphqlPoolOnly) {
  testing::ManualClock clock(kNow);
  CancelToken cancel;
  SharedBudget rest;
  SharedBudget points("graphql");
  rest.offer(budget(0, kNowEpoch + 600));  // REST spent: REST calls would wait
  RunnerParams params;
  params.min_remaining = 0;
  params.shared_budget = &rest;
  params.shared_graphql_budget = &points;
  RequestRunner runner(params, clock, cancel, [] { return 0.5; });
  RateLimitSnapshot graphql_client;
  graphql_client.resource = "graphql";  // as GitHubClient's before its first query
  int calls = 0;
  runner.run("GraphQL page", graphql_client, [&] {
    graphql_client = budget(4990, kNowEpoch + 900);
    graphql_client.resource = "graphql";
    return ++calls;
  });
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(clock.waits().empty());
  EXPECT_EQ(points.snapshot().remaining, 4990);
  EXPECT_EQ(rest.snapshot().remaining, 0);
  EXPECT_EQ(points.in_flight(), 0);

  const RateLimitSnapshot rest_client;
  runner.run("GET x", rest_client, [&] { return ++calls; });
  EXPECT_EQ(clock.waits(), (std::vector<Duration>{seconds(601)}));
}

// N threads against a server that counts: together they never spend the
// reserve, however their replies interleave.
TEST(SharedBudget, ThreadsTogetherNeverSpendTheReserve) {
  constexpr std::int64_t kStart = 1000;
  constexpr std::int64_t kReserve = 100;
  SharedBudget shared;
  std::mutex server_mutex;
  std::int64_t server_remaining = kStart;
  shared.offer(budget(kStart));
  std::atomic<long> sent{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      while (true) {
        const auto admission = shared.admit(kNow, kReserve);
        if (admission.verdict == Verdict::kWaitForReset) return;
        BudgetTicket ticket(&shared);
        RateLimitSnapshot reply;
        {
          std::lock_guard lock(server_mutex);
          reply = budget(--server_remaining);
        }
        ++sent;
        std::this_thread::yield();  // replies overtake each other
        ticket.answered(reply);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sent.load(), kStart - kReserve);
  EXPECT_EQ(server_remaining, kReserve);
  EXPECT_EQ(shared.in_flight(), 0);
}

}  // namespace
}  // namespace backfill::engine
