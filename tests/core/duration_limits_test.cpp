// Durations beyond the documented maximum (30 days) are usage errors, however
// many digits they have: nothing overflows on the way to a deadline.
#include <gtest/gtest.h>

#include <string>

#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"

using backfill::parse_duration;
using std::chrono::seconds;

namespace {

std::string message_of(const std::string& text) {
  try {
    parse_duration(text);
  } catch (const backfill::UsageError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(DurationLimits, ThirtyDaysIsTheLongestAccepted) {
  EXPECT_EQ(parse_duration("720h"), seconds(30 * 24 * 3600));
  EXPECT_EQ(parse_duration("719h59m60s"), seconds(30 * 24 * 3600));
  EXPECT_EQ(parse_duration("2592000"), seconds(2'592'000));
  EXPECT_EQ(parse_duration("43200m"), seconds(2'592'000));
}

TEST(DurationLimits, LongerValuesAreRefusedNamingTheMaximum) {
  for (const char* text :
       {"720h1s", "721h", "2592001", "100000000h", "9223372036854775807s", "99999999999999999999h",
        "18446744073709551616s", "99999999999999999999999999999999999999m",
        "700h99999999999999999999s"}) {
    const std::string message = message_of(text);
    EXPECT_NE(message.find("'" + std::string(text) + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("maximum"), std::string::npos) << text << ": " << message;
    EXPECT_NE(message.find("720h"), std::string::npos) << text << ": " << message;
  }
}

TEST(DurationLimits, MalformedTextStaysMalformedHoweverLong) {
  // Too many digits, but not a duration at all: the message says so, not "too long".
  const std::string message = message_of("99999999999999999999x");
  EXPECT_NE(message.find("expected a positive duration"), std::string::npos) << message;
}

TEST(DurationLimits, AHugeValueIsShownShortened) {
  const std::string huge(100'000, '9');
  const std::string message = message_of(huge + "h");
  EXPECT_LT(message.size(), 300u) << message.size();
  EXPECT_NE(message.find("maximum"), std::string::npos);
}
