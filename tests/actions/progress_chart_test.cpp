// The step summary's Mermaid chart of progress over the run.
#include <gtest/gtest.h>

#include "backfill/actions/step_summary.hpp"

namespace backfill::actions {
namespace {

TEST(ProgressChart, OnePointPerChunkUpToExpected) {
  RunReport r;
  r.total_expected = 300;
  r.chunk_totals = {50, 100, 150};
  const std::string chart = progress_chart(r);
  EXPECT_NE(chart.find("```mermaid\nxychart-beta\n"), std::string::npos) << chart;
  EXPECT_NE(chart.find("x-axis \"chunk of this run\" 1 --> 3\n"), std::string::npos) << chart;
  EXPECT_NE(chart.find("y-axis \"PRs stored\" 0 --> 300\n"), std::string::npos) << chart;
  EXPECT_NE(chart.find("line [50, 100, 150]"), std::string::npos) << chart;
  // Beside the table in the summary.
  r.repository = "octo/x";
  r.status = "paused";
  const std::string md = render_summary(r);
  EXPECT_LT(md.find("| Progress |"), md.find("```mermaid"));
}

TEST(ProgressChart, LongRunsAreSampledAndEndAtTheLastChunk) {
  RunReport r;
  r.total_expected = 100;  // below what is stored: the scale grows to fit
  for (int i = 1; i <= 1000; ++i) r.chunk_totals.push_back(i * 50);
  const std::string chart = progress_chart(r);
  const auto open = chart.find("line [");
  const std::string values = chart.substr(open + 6, chart.find(']', open) - open - 6);
  EXPECT_EQ(std::count(values.begin(), values.end(), ',') + 1, static_cast<long>(kChartPoints));
  EXPECT_EQ(values.rfind("50", 0), 0u);
  EXPECT_TRUE(values.ends_with(", 50000")) << values;
  EXPECT_NE(chart.find("0 --> 50000\n"), std::string::npos);
}

TEST(ProgressChart, NoChunkNoChart) {
  RunReport r;
  EXPECT_EQ(progress_chart(r), "");
  r.repository = "octo/x";
  r.status = "failed";
  EXPECT_EQ(render_summary(r).find("mermaid"), std::string::npos);
}

}  // namespace
}  // namespace backfill::actions
