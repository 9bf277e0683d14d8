#include "backfill/engine/request_runner.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "backfill/core/errors.hpp"
#include "support/manual_clock.hpp"

using namespace backfill;
using namespace backfill::engine;
using backfill::github::ErrorKind;
using backfill::github::GitHubError;
using backfill::github::RateLimitSnapshot;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

struct Fixture {
  backfill::testing::ManualClock clock;
  CancelToken cancel;
  RunnerParams params;
  RequestRunner make() {
    return RequestRunner(params, clock, cancel, [] { return 0.5; });
  }
};

GitHubError server_error() { return GitHubError(ErrorKind::kRetryable, 502, "502 Bad Gateway"); }

}  // namespace

TEST(RequestRunner, RetriesTransientFailuresWithTheExactBackoff) {
  Fixture f;
  auto runner = f.make();
  int calls = 0;
  RateLimitSnapshot rate;
  int result = runner.run("GET x", rate, [&] {
    if (++calls < 4) throw server_error();
    return 42;
  });
  EXPECT_EQ(result, 42);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(f.clock.waits(),
            (std::vector<Duration>{milliseconds(500), milliseconds(1000), milliseconds(2000)}));
  EXPECT_EQ(runner.stats().retries, 3);
}

TEST(RequestRunner, GivesUpAfterMaxRetries) {
  Fixture f;
  f.params.policy.max_retries = 2;
  auto runner = f.make();
  int calls = 0;
  RateLimitSnapshot rate;
  EXPECT_THROW(runner.run("GET x", rate,
                          [&]() -> int {
                            ++calls;
                            throw server_error();
                          }),
               GitHubError);
  EXPECT_EQ(calls, 3);
}

TEST(RequestRunner, NeverRetriesFatalReplies) {
  for (auto kind : {ErrorKind::kUnauthorized, ErrorKind::kNotFound, ErrorKind::kClientError}) {
    Fixture f;
    auto runner = f.make();
    int calls = 0;
    RateLimitSnapshot rate;
    EXPECT_THROW(runner.run("GET x", rate,
                            [&]() -> int {
                              ++calls;
                              throw GitHubError(kind, 404, "no");
                            }),
                 GitHubError);
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(f.clock.waits().empty());
  }
}

TEST(RequestRunner, PrimaryLimitWaitsUntilResetPlusOneSecond) {
  Fixture f;
  auto runner = f.make();
  RateLimitSnapshot exhausted;
  exhausted.remaining = 0;
  exhausted.reset_epoch = std::chrono::system_clock::to_time_t(f.clock.now()) + 600;
  int calls = 0;
  RateLimitSnapshot rate;
  runner.run("GET x", rate, [&] {
    if (++calls == 1)
      throw GitHubError(ErrorKind::kRateLimited, 403, "API rate limit exceeded", std::nullopt,
                        exhausted);
    return 1;
  });
  EXPECT_EQ(f.clock.waits(), (std::vector<Duration>{seconds(601)}));
  EXPECT_EQ(runner.stats().retries, 0);
}

TEST(RequestRunner, SecondaryLimitHonoursRetryAfterAndBacksOff) {
  Fixture f;
  auto runner = f.make();
  int calls = 0;
  RateLimitSnapshot rate;
  runner.run("GET x", rate, [&] {
    if (++calls < 3)
      throw GitHubError(ErrorKind::kRateLimited, 403, "secondary rate limit", 7L, {}, true);
    return 1;
  });
  EXPECT_EQ(f.clock.waits(), (std::vector<Duration>{seconds(7), seconds(14)}));
}

TEST(RequestRunner, ReserveIsNotSpent) {
  Fixture f;
  f.params.min_remaining = 100;
  auto runner = f.make();
  RateLimitSnapshot rate;
  rate.remaining = 100;
  rate.reset_epoch = std::chrono::system_clock::to_time_t(f.clock.now()) + 60;
  bool sent_at_reset = false;
  auto reset = f.clock.now() + seconds(61);
  runner.run("GET x", rate, [&] {
    sent_at_reset = f.clock.now() >= reset;
    return 1;
  });
  EXPECT_TRUE(sent_at_reset);
}

TEST(RequestRunner, AWaitPastTheDeadlinePausesInstead) {
  Fixture f;
  f.params.deadline = f.clock.now() + seconds(30);
  auto runner = f.make();
  RateLimitSnapshot exhausted;
  exhausted.remaining = 0;
  exhausted.reset_epoch = std::chrono::system_clock::to_time_t(f.clock.now()) + 3600;
  RateLimitSnapshot rate;
  EXPECT_THROW(runner.run("GET x", rate,
                          [&]() -> int {
                            throw GitHubError(ErrorKind::kRateLimited, 403, "limit", std::nullopt,
                                              exhausted);
                          }),
               PauseRequired);
  EXPECT_TRUE(f.clock.waits().empty());
}

TEST(RequestRunner, CancellationStopsAWait) {
  Fixture f;
  auto runner = f.make();
  f.cancel.request_stop();
  RateLimitSnapshot rate;
  int calls = 0;
  EXPECT_THROW(runner.run("GET x", rate, [&] { return ++calls; }), Cancelled);
  EXPECT_EQ(calls, 0);
}

TEST(RequestRunner, ReserveIsAtMostATenthOfTheLimit) {
  Fixture f;
  f.params.min_remaining = 100;
  auto runner = f.make();
  RateLimitSnapshot unauthenticated;
  unauthenticated.limit = 60;
  unauthenticated.remaining = 7;
  unauthenticated.reset_epoch = std::chrono::system_clock::to_time_t(f.clock.now()) + 3000;
  runner.run("GET x", unauthenticated, [] { return 1; });
  EXPECT_TRUE(f.clock.waits().empty());
  unauthenticated.remaining = 6;
  runner.run("GET x", unauthenticated, [] { return 1; });
  EXPECT_EQ(f.clock.waits(), (std::vector<Duration>{seconds(3001)}));
}

namespace {

std::int64_t epoch(backfill::testing::ManualClock& clock) {
  return std::chrono::system_clock::to_time_t(clock.now());
}

GitHubError exhausted_until(std::int64_t reset_epoch) {
  RateLimitSnapshot rate;
  rate.limit = 5000;
  rate.remaining = 0;
  rate.reset_epoch = reset_epoch;
  return GitHubError(ErrorKind::kRateLimited, 403, "API rate limit exceeded", std::nullopt, rate);
}

}  // namespace

TEST(RequestRunner, AResetAnHourAwayIsStillWaited) {
  Fixture f;
  auto runner = f.make();
  int calls = 0;
  RateLimitSnapshot rate;
  runner.run("GET x", rate, [&] {
    if (++calls == 1) throw exhausted_until(epoch(f.clock) + 3600);
    return 1;
  });
  EXPECT_EQ(f.clock.waits(), (std::vector<Duration>{seconds(3601)}));
}

TEST(RequestRunner, AResetInThePastWaitsAMinuteInsteadOfRetryingAtOnce) {
  Fixture f;
  auto runner = f.make();
  int calls = 0;
  RateLimitSnapshot rate;
  runner.run("GET x", rate, [&] {
    if (++calls < 3) throw exhausted_until(epoch(f.clock) - 600);  // our clock is ahead
    return 1;
  });
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(f.clock.waits(), (std::vector<Duration>{seconds(60), seconds(120)}));
}

TEST(RequestRunner, ThreeExhaustedAnswersInARowPause) {
  Fixture f;
  auto runner = f.make();
  int calls = 0;
  RateLimitSnapshot rate;
  try {
    runner.run("GET x", rate, [&]() -> int {
      ++calls;
      throw exhausted_until(epoch(f.clock) + 600);  // every reset brings a fresh 403
    });
    FAIL() << "the runner kept going";
  } catch (const PauseRequired& pause) {
    EXPECT_NE(std::string(pause.what()).find("3 times in a row"), std::string::npos)
        << pause.what();
    EXPECT_EQ(pause.resume_at(), f.clock.now() + seconds(601));
  }
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(f.clock.waits(), (std::vector<Duration>{seconds(601), seconds(601)}));
}

TEST(RequestRunner, ASuccessInBetweenStartsTheExhaustedCountAgain) {
  Fixture f;
  auto runner = f.make();
  RateLimitSnapshot rate;
  for (int round = 0; round < 4; ++round) {
    int calls = 0;
    runner.run("GET x", rate, [&] {
      if (++calls < 3) throw exhausted_until(epoch(f.clock) + 60);
      return 1;
    });
    EXPECT_EQ(calls, 3);
  }
}

TEST(RequestRunner, AbsurdResetsPauseInsteadOfWaiting) {
  for (std::int64_t reset :
       {std::int64_t{7'700'000'000}, std::numeric_limits<std::int64_t>::max()}) {
    Fixture f;
    auto runner = f.make();
    RateLimitSnapshot rate;
    int calls = 0;
    try {
      runner.run("GET x", rate, [&]() -> int {
        ++calls;
        throw exhausted_until(reset);
      });
      FAIL() << "no pause for reset " << reset;
    } catch (const PauseRequired& pause) {
      EXPECT_NE(std::string(pause.what()).find("cap on any wait"), std::string::npos)
          << pause.what();
      EXPECT_EQ(pause.resume_at(), f.clock.now() + std::chrono::hours(1));  // not in 2100
    }
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(f.clock.waits().empty());
  }
}

TEST(RequestRunner, ANegativeResetIsAResetInThePast) {
  Fixture f;
  auto runner = f.make();
  int calls = 0;
  RateLimitSnapshot rate;
  runner.run("GET x", rate, [&] {
    if (++calls == 1) throw exhausted_until(-1);
    return 1;
  });
  EXPECT_EQ(f.clock.waits(), (std::vector<Duration>{seconds(60)}));
}

TEST(RequestRunner, AHugeRetryAfterPausesInsteadOfWaiting) {
  for (long retry_after : {7200L, std::numeric_limits<long>::max()}) {
    Fixture f;
    auto runner = f.make();
    RateLimitSnapshot rate;
    try {
      runner.run("GET x", rate, [&]() -> int {
        throw GitHubError(ErrorKind::kRateLimited, 403, "secondary rate limit", retry_after, {},
                          true);
      });
      FAIL() << "no pause for retry-after " << retry_after;
    } catch (const PauseRequired& pause) {
      EXPECT_EQ(pause.resume_at(), f.clock.now() + std::chrono::hours(1));
    }
    EXPECT_TRUE(f.clock.waits().empty());
  }
}

TEST(RequestRunner, AnAbsurdResetOfTheBudgetAheadPausesBeforeSending) {
  Fixture f;
  auto runner = f.make();
  RateLimitSnapshot spent;
  spent.limit = 5000;
  spent.remaining = 0;
  spent.reset_epoch = std::numeric_limits<std::int64_t>::max();
  int calls = 0;
  EXPECT_THROW(runner.run("GET x", spent, [&] { return ++calls; }), PauseRequired);
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(f.clock.waits().empty());
}
