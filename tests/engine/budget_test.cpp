#include "backfill/engine/budget.hpp"

#include <gtest/gtest.h>

using namespace backfill;
using namespace backfill::engine;
using std::chrono::seconds;

namespace {
const SystemTime kNow{seconds(1'700'000'000)};
github::RateLimitSnapshot budget(std::int64_t limit, std::int64_t remaining,
                                 long reset_in_s = 3600) {
  github::RateLimitSnapshot r;
  r.limit = limit;
  r.remaining = remaining;
  r.reset_epoch = std::chrono::system_clock::to_time_t(kNow) + reset_in_s;
  return r;
}
}  // namespace

TEST(EffectiveReserve, CappedAtATenthOfTheLimit) {
  EXPECT_EQ(effective_reserve(budget(5000, 10), 100), 100);
  EXPECT_EQ(effective_reserve(budget(1000, 10), 100), 100);
  EXPECT_EQ(effective_reserve(budget(60, 10), 100), 6);
  EXPECT_EQ(effective_reserve({}, 100), 100);
}

TEST(PacingDelay, FullSpeedWhenTheBudgetCoversTheWork) {
  EXPECT_EQ(pacing_delay(budget(5000, 4000), 100, 1002, kNow), Duration{0});
  EXPECT_EQ(pacing_delay({}, 100, 1'000'000, kNow), Duration{0});
}

TEST(PacingDelay, SpreadsTheUsableCallsUntilTheReset) {
  // 399 usable calls, 3600 s to the reset, 2000 requests still needed: the
  // last usable call goes out one interval before the reset.
  EXPECT_EQ(pacing_delay(budget(5000, 499), 100, 2000, kNow), std::chrono::milliseconds(9000));
  // A run that must end in 400 s spends its share before then.
  EXPECT_EQ(pacing_delay(budget(5000, 499), 100, 2000, kNow, kNow + seconds(400)),
            std::chrono::milliseconds(1000));
  // Nothing usable is not paced here: it is waited out by the runner.
  EXPECT_EQ(pacing_delay(budget(5000, 100), 100, 2000, kNow), Duration{0});
}

TEST(AdaptiveChunkSize, CeilingWithAHealthyBudget) {
  EXPECT_EQ(adaptive_chunk_size(50, budget(5000, 5000), 100), 50);
  EXPECT_EQ(adaptive_chunk_size(50, budget(5000, 2600), 100), 50);
  EXPECT_EQ(adaptive_chunk_size(40, {}, 100), 40);
}

TEST(AdaptiveChunkSize, ShrinksTowardTwentyFiveAsTheBudgetRunsOut) {
  EXPECT_EQ(adaptive_chunk_size(50, budget(5000, 1350), 100), 37);  // half of half usable
  EXPECT_EQ(adaptive_chunk_size(50, budget(5000, 100), 100), 25);
  EXPECT_EQ(adaptive_chunk_size(50, budget(5000, 0), 100), 25);
  for (std::int64_t remaining = 0; remaining <= 5000; remaining += 7) {
    int size = adaptive_chunk_size(50, budget(5000, remaining), 100);
    EXPECT_GE(size, 25);
    EXPECT_LE(size, 50);
  }
}

TEST(AdaptiveChunkSize, UserCeilingBelowTheRangeIsKept) {
  EXPECT_EQ(adaptive_chunk_size(10, budget(5000, 0), 100), 10);
  EXPECT_EQ(adaptive_chunk_size(30, budget(5000, 0), 100), 25);
}

TEST(PacingDelay, AResetFurtherThanAnHourIsNotBelieved) {
  // 2100 (where an absurd reset is clamped): paced as if it were an hour away.
  auto far = budget(5000, 1099, 0);
  far.reset_epoch = github::kLatestResetEpoch;
  EXPECT_EQ(pacing_delay(far, 100, 5000, kNow),
            std::chrono::duration_cast<Duration>(seconds(3600)) / 1000);
}
