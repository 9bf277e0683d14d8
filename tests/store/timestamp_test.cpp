#include "store/timestamp.hpp"

#include <gtest/gtest.h>

namespace backfill::store {
namespace {

TEST(Timestamp, OnlyGithubsUtcFormOfARealMoment) {
  for (const char* good : {"2024-01-02T03:04:05Z", "2024-02-29T00:00:00Z", "2000-02-29T23:59:59Z",
                           "1970-01-01T00:00:00Z", "2024-12-31T23:59:59Z"}) {
    EXPECT_TRUE(is_utc_timestamp(good)) << good;
  }
  for (const char* bad : {"",
                          "yesterday",
                          "2024-01-02",
                          "2024-01-02T03:04:05",
                          "2024-01-02 03:04:05Z",
                          "2024-01-02T03:04:05+00:00",
                          "2024-01-02T03:04:05.123Z",
                          "2024-13-01T00:00:00Z",
                          "2024-00-01T00:00:00Z",
                          "2024-04-31T00:00:00Z",
                          "2023-02-29T00:00:00Z",
                          "1900-02-29T00:00:00Z",
                          "2024-01-00T00:00:00Z",
                          "2024-01-02T24:00:00Z",
                          "2024-01-02T03:60:00Z",
                          "2024-01-02T03:04:60Z",
                          "0000-01-01T00:00:00Z",
                          "2024-01-02T03:04:05z",
                          "2O24-01-02T03:04:05Z",
                          "+024-01-02T03:04:05Z"}) {
    EXPECT_FALSE(is_utc_timestamp(bad)) << bad;
  }
}

}  // namespace
}  // namespace backfill::store
