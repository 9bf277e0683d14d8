#include "backfill/cli/status_table.hpp"
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace backfill;

TEST(StatusTable, PercentIsCappedAndUnknownIsBlank) {
  EXPECT_EQ(cli::percent_done(50, 200), "25.0%");
  EXPECT_EQ(cli::percent_done(210, 200), "100.0%");
  EXPECT_EQ(cli::percent_done(9996, 10000), "99.9%");  // not done: never shown as 100
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

TEST(StatusTable, PaceFromRecentChunks) {
  store::BackfillSummary row;
  row.repository = "octo/paced";
  row.status = store::Status::kPaused;
  row.total_processed = 1000;
  row.total_expected = 4000;
  row.recent.chunks = 20;
  row.recent.prs = 1000;
  row.recent.requests = 10;
  row.recent.busy = std::chrono::seconds(30);
  auto pace = cli::pace_figures(row);
  EXPECT_DOUBLE_EQ(*pace.prs_per_minute, 2000.0);
  EXPECT_DOUBLE_EQ(*pace.requests_per_pr, 0.01);
  EXPECT_EQ(*pace.eta_seconds, 90);
  auto table = cli::status_table({row});
  EXPECT_NE(table.find("2000"), std::string::npos) << table;
  EXPECT_NE(table.find("1m30s"), std::string::npos) << table;
  EXPECT_EQ(cli::status_json({row})[0]["eta_seconds"], 90);
}

TEST(StatusTable, NoChunksNoPace) {
  store::BackfillSummary row;
  auto pace = cli::pace_figures(row);
  EXPECT_FALSE(pace.prs_per_minute);
  EXPECT_FALSE(pace.eta_seconds);
}

TEST(StatusTable, AStaleBackfillSaysSoAndHasNoEta) {
  store::BackfillSummary row;
  row.repository = "octo/died";
  row.status = store::Status::kInProgress;
  row.stale = true;  // no run holds its lock
  row.total_processed = 1000;
  row.total_expected = 4000;
  row.recent.prs = 1000;
  row.recent.requests = 10;
  row.recent.busy = std::chrono::seconds(30);
  EXPECT_FALSE(cli::pace_figures(row).eta_seconds);
  const auto table = cli::status_table({row});
  EXPECT_NE(table.find("stale"), std::string::npos) << table;
  EXPECT_EQ(table.find("in_progress"), std::string::npos) << table;
  EXPECT_EQ(table.find("1m30s"), std::string::npos) << table;
  EXPECT_NE(table.find("octo/died: stale: no run holds it"), std::string::npos) << table;
  const auto json = cli::status_json({row});
  EXPECT_EQ(json[0]["status"], "stale");
  EXPECT_TRUE(json[0]["eta_seconds"].is_null());
}
