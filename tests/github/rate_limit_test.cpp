#include "backfill/github/rate_limit.hpp"

#include <gtest/gtest.h>

#include "backfill/github/http.hpp"

namespace {

using namespace backfill::github;

TEST(HeaderMap, NamesAreCaseInsensitiveAndRepeatsCombine) {
  HeaderMap headers;
  headers.add("Content-Type", "application/json");
  headers.add("vary", "Accept");
  headers.add("Vary", "Accept-Encoding");
  EXPECT_EQ(headers.get("content-type"), "application/json");
  EXPECT_EQ(headers.get("Content-Type"), "application/json");
  EXPECT_EQ(headers.get("vary"), "Accept, Accept-Encoding");
  EXPECT_FALSE(headers.get("link").has_value());
  EXPECT_EQ(headers.all().count("content-type"), 1u);
}

TEST(RateLimit, ParsesGitHubsHeaders) {
  HeaderMap headers;
  headers.add("x-ratelimit-limit", "5000");
  headers.add("x-ratelimit-remaining", "4987");
  headers.add("x-ratelimit-used", "13");
  headers.add("x-ratelimit-reset", "1714567890");
  headers.add("x-ratelimit-resource", "core");
  auto rate = parse_rate_limit(headers);
  EXPECT_TRUE(rate.known());
  EXPECT_EQ(rate.limit, 5000);
  EXPECT_EQ(rate.remaining, 4987);
  EXPECT_EQ(rate.used, 13);
  EXPECT_EQ(rate.reset_epoch, 1714567890);
  EXPECT_EQ(rate.resource, "core");
  EXPECT_EQ(backfill::format_iso8601(*rate.reset_time()), "2024-05-01T12:51:30Z");
}

TEST(RateLimit, AbsentHeadersAreUnknown) {
  auto rate = parse_rate_limit(HeaderMap{});
  EXPECT_FALSE(rate.known());
  EXPECT_FALSE(rate.reset_time().has_value());
  EXPECT_EQ(rate.resource, "");
}

TEST(RateLimit, GarbledValuesAreIgnored) {
  HeaderMap headers;
  headers.add("X-RateLimit-Remaining", " 0 ");
  headers.add("X-RateLimit-Limit", "lots");
  headers.add("X-RateLimit-Reset", "17e9");
  auto rate = parse_rate_limit(headers);
  EXPECT_EQ(rate.remaining, 0);
  EXPECT_FALSE(rate.limit.has_value());
  EXPECT_FALSE(rate.reset_epoch.has_value());
}

TEST(RateLimit, AbsurdResetsAreBoundedBeforeAnyArithmetic) {
  for (const char* text : {"9223372036854775807", "99999999999999999999", "7700000000"}) {
    HeaderMap headers;
    headers.add("x-ratelimit-remaining", "0");
    headers.add("x-ratelimit-reset", text);  // INT64_MAX, past it, the year 2214
    auto rate = parse_rate_limit(headers);
    EXPECT_EQ(rate.reset_epoch, kLatestResetEpoch) << text;
    EXPECT_EQ(backfill::format_iso8601(*rate.reset_time()), "2100-01-01T00:00:00Z") << text;
  }
  for (const char* text : {"-1", "-9223372036854775808", "-99999999999999999999"}) {
    HeaderMap headers;
    headers.add("x-ratelimit-reset", text);
    auto rate = parse_rate_limit(headers);
    EXPECT_EQ(rate.reset_epoch, 0) << text;  // merely in the past
  }
}

TEST(RateLimit, AHandMadeSnapshotCannotOverflowEither) {
  RateLimitSnapshot rate;
  rate.reset_epoch = INT64_MAX;
  EXPECT_EQ(backfill::format_iso8601(*rate.reset_time()), "2100-01-01T00:00:00Z");
  rate.reset_epoch = INT64_MIN;
  EXPECT_EQ(backfill::format_iso8601(*rate.reset_time()), "1970-01-01T00:00:00Z");
}

TEST(RateLimit, NegativeCountsAreUnknownAndHugeOnesBounded) {
  HeaderMap headers;
  headers.add("x-ratelimit-limit", "99999999999999999999");
  headers.add("x-ratelimit-remaining", "-3");
  headers.add("x-ratelimit-used", "9223372036854775807");
  auto rate = parse_rate_limit(headers);
  EXPECT_EQ(rate.limit, kMaxRateCount);
  EXPECT_FALSE(rate.remaining.has_value());
  EXPECT_EQ(rate.used, kMaxRateCount);
}

}  // namespace
