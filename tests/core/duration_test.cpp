#include "backfill/core/duration.hpp"

#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"

using backfill::format_duration;
using backfill::parse_duration;
using std::chrono::seconds;

TEST(ParseDuration, AcceptsTheDocumentedForms) {
  EXPECT_EQ(parse_duration("90s"), seconds(90));
  EXPECT_EQ(parse_duration("45m"), seconds(45 * 60));
  EXPECT_EQ(parse_duration("5h45m"), seconds(5 * 3600 + 45 * 60));
  EXPECT_EQ(parse_duration("1h2m3s"), seconds(3723));
  EXPECT_EQ(parse_duration("2H"), seconds(7200));
  EXPECT_EQ(parse_duration("120"), seconds(120));
}

TEST(ParseDuration, RejectsWhatIsNotAPositiveDuration) {
  for (const char* bad :
       {"", "0s", "0", "-5m", "5x", "m", "1.5h", "45m5h", "1h1h", "1h30", " 5m", "5m "}) {
    EXPECT_THROW(parse_duration(bad), backfill::UsageError) << "'" << bad << "'";
  }
}

TEST(ParseDuration, MessageNamesTheText) {
  try {
    parse_duration("soon");
    FAIL();
  } catch (const backfill::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("'soon'"), std::string::npos);
  }
}

TEST(FormatDuration, RendersHoursMinutesSeconds) {
  EXPECT_EQ(format_duration(seconds(5)), "5s");
  EXPECT_EQ(format_duration(seconds(65)), "1m05s");
  EXPECT_EQ(format_duration(seconds(3723)), "1h02m03s");
}
