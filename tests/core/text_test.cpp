#include "backfill/core/text.hpp"

#include <gtest/gtest.h>

#include <limits>

using backfill::aligned_columns;
using backfill::group_thousands;

TEST(GroupThousands, CommasEveryThreeDigits) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1,000");
  EXPECT_EQ(group_thousands(1234567), "1,234,567");
  EXPECT_EQ(group_thousands(-4812), "-4,812");
  EXPECT_EQ(group_thousands(std::numeric_limits<std::int64_t>::min()),
            "-9,223,372,036,854,775,808");
}

TEST(AlignedColumns, PadsToTheWidestCellAndFlushesNumbersRight) {
  EXPECT_EQ(aligned_columns({{"NAME", "PRS"}, {"octo/a", "5"}, {"b", "1,200"}}, {false, true}),
            "NAME      PRS\n"
            "octo/a      5\n"
            "b       1,200\n");
  EXPECT_EQ(aligned_columns({{"A", "B"}, {"long", "x"}}), "A     B\nlong  x\n");
  EXPECT_EQ(aligned_columns({}), "");
}
