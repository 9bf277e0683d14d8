#include "backfill/engine/retry_policy.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace backfill::engine;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(TransientBackoff, FullJitterUnderADoublingCappedCeiling) {
  RetryPolicy p;  // 1 s doubling to 60 s
  const long ceilings_ms[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
  for (int retry = 0; retry < 8; ++retry) {
    EXPECT_EQ(transient_backoff(p, retry, 0.0), milliseconds(0)) << retry;
    EXPECT_EQ(transient_backoff(p, retry, 0.5), milliseconds(ceilings_ms[retry] / 2)) << retry;
    EXPECT_EQ(transient_backoff(p, retry, 1.0), milliseconds(ceilings_ms[retry])) << retry;
  }
}

TEST(SecondaryLimitWait, HonoursRetryAfterThenDoubles) {
  RetryPolicy p;
  EXPECT_EQ(secondary_limit_wait(p, 30L, 0), seconds(30));
  EXPECT_EQ(secondary_limit_wait(p, 30L, 1), seconds(60));
  EXPECT_EQ(secondary_limit_wait(p, 30L, 2), seconds(120));
}

TEST(SecondaryLimitWait, AtLeastAMinuteWithoutRetryAfterAndCapped) {
  RetryPolicy p;
  EXPECT_EQ(secondary_limit_wait(p, std::nullopt, 0), seconds(60));
  EXPECT_EQ(secondary_limit_wait(p, std::nullopt, 1), seconds(120));
  EXPECT_EQ(secondary_limit_wait(p, std::nullopt, 10), std::chrono::minutes(30));
}

TEST(PrimaryLimit, ResumesOneSecondAfterReset) {
  backfill::SystemTime reset{seconds(1000)};
  EXPECT_EQ(primary_limit_resume_time(reset), backfill::SystemTime{seconds(1001)});
}

TEST(SecondaryLimitWait, AnAbsurdRetryAfterIsClampedNotOverflowed) {
  RetryPolicy p;
  EXPECT_EQ(secondary_limit_wait(p, std::numeric_limits<long>::max(), 0),
            seconds(kMaxRetryAfterSeconds));
  EXPECT_EQ(secondary_limit_wait(p, std::numeric_limits<long>::max(), 20),
            seconds(kMaxRetryAfterSeconds));
  EXPECT_GT(secondary_limit_wait(p, 7200L, 0),
            p.max_wait);  // longer than the cap: RequestRunner pauses
}

TEST(PrimaryLimit, AResetInTheFutureIsWaitedFor) {
  const backfill::SystemTime now{seconds(1000)};
  EXPECT_EQ(primary_limit_retry_time(RetryPolicy{}, now + seconds(600), now, 0),
            now + seconds(601));
}

TEST(PrimaryLimit, AResetInThePastWaitsAMinuteDoublingNeverZero) {
  RetryPolicy p;
  const backfill::SystemTime now{seconds(100'000)};
  for (auto reset : {now - seconds(3600), now - seconds(1), backfill::SystemTime{}}) {
    EXPECT_EQ(primary_limit_retry_time(p, reset, now, 0), now + seconds(60));
    EXPECT_EQ(primary_limit_retry_time(p, reset, now, 1), now + seconds(120));
  }
}
