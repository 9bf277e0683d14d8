#include "backfill/cli/status_table.hpp"

#include <gtest/gtest.h>

using namespace backfill;

TEST(StatusTable, PercentIsCappedAndUnknownIsBlank) {
  EXPECT_EQ(cli::percent_done(50, 200), "25.0%");
  EXPECT_EQ(cli::percent_done(210, 200), "100.0%");
  EXPECT_EQ(cli::percent_done(0, 0), "100.0%");
  EXPECT_EQ(cli::percent_done(5, std::nullopt), "");
}

TEST(StatusTable, ListsEachBackfill) {
  store::BackfillSummary row;
  row.repository = "octocat/Hello-World";
  row.total_processed = 150;
  row.total_expected = 600;
  row.status = store::Status::kInProgress;
  row.updated_at = "2026-01-01T00:00:00Z";
  auto table = cli::status_table({row});
  EXPECT_NE(table.find("octocat/Hello-World"), std::string::npos);
  EXPECT_NE(table.find("in_progress"), std::string::npos);
  EXPECT_NE(table.find("25.0%"), std::string::npos);
  auto json = cli::status_json({row});
  EXPECT_EQ(json[0]["total_expected"], 600);
  EXPECT_DOUBLE_EQ(json[0]["percent_done"].get<double>(), 25.0);
  EXPECT_EQ(cli::status_table({}), "no backfills to show\n");
}
