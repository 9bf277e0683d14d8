#include "backfill/core/clock.hpp"

#include <gtest/gtest.h>

using namespace backfill;

TEST(Iso8601, RoundTrips) {
  auto t = parse_iso8601("2011-01-26T19:01:12Z");
  EXPECT_EQ(std::chrono::system_clock::to_time_t(t), 1296068472);
  EXPECT_EQ(format_iso8601(t), "2011-01-26T19:01:12Z");
}

TEST(Iso8601, RejectsGarbage) {
  EXPECT_THROW(parse_iso8601("yesterday"), std::invalid_argument);
  EXPECT_THROW(parse_iso8601("2011-01-26"), std::invalid_argument);
}

TEST(SystemClock, CancelledWaitReturnsAtOnce) {
  SystemClock clock;
  CancelToken cancel;
  cancel.request_stop();
  auto before = std::chrono::steady_clock::now();
  EXPECT_FALSE(clock.sleep_until(clock.now() + std::chrono::hours(1), cancel));
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(1));
}
