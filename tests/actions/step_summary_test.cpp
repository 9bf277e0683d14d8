#include "backfill/actions/step_summary.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "actions/report_fixture.hpp"
#include "backfill/core/errors.hpp"

using namespace backfill::actions;
using backfill::actions::testing::failed_report;
using backfill::actions::testing::paused_report;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
    ++n;
  return n;
}

}  // namespace

TEST(ProgressBar, ThirtyCellsAndAPercentage) {
  EXPECT_EQ(progress_bar(4370, 10000), "[█████████████░░░░░░░░░░░░░░░░░] 43.7%");
  EXPECT_EQ(progress_bar(0, 10000), "[░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░] 0.0%");
  EXPECT_EQ(progress_bar(10000, 10000), "[██████████████████████████████] 100.0%");
}

TEST(ProgressBar, NeverShowsDoneBeforeItIs) {
  EXPECT_EQ(progress_bar(9999, 10000), "[█████████████████████████████░] 99.9%");
}

TEST(ProgressBar, NothingExpectedIsDoneAndMoreThanExpectedIsCapped) {
  EXPECT_EQ(progress_bar(0, 0), "[██████████████████████████████] 100.0%");
  EXPECT_EQ(progress_bar(10005, 10000), "[██████████████████████████████] 100.0%");
}

TEST(RenderSummary, SaysWhatThePausedRunDid) {
  const std::string md = render_summary(paused_report());
  EXPECT_TRUE(contains(md, "## Backfill of octocat/Hello-World: paused\n")) << md;
  EXPECT_TRUE(contains(md, "| Repository | octocat/Hello-World |")) << md;
  EXPECT_TRUE(contains(md, "| Status | paused (exit code 75) |")) << md;
  EXPECT_TRUE(contains(md, "| Stopped because | time budget reached |")) << md;
  EXPECT_TRUE(contains(md, "| PRs stored this run | 1,250 |")) << md;
  EXPECT_TRUE(contains(md, "| PRs stored in total | 4,370 of 10,000 expected |")) << md;
  EXPECT_TRUE(contains(md, "| Progress | `[█████████████░░░░░░░░░░░░░░░░░] 43.7%` |")) << md;
  EXPECT_TRUE(contains(md, "| Requests used | 57 |")) << md;
  EXPECT_TRUE(contains(md, "| Rate limit left | 4,900 of 5,000, resets 2024-05-01T12:34:56Z |"))
      << md;
  EXPECT_TRUE(contains(md, "| Chunk timings | 4 chunks: min 412 ms, median 660 ms, max 3.2 s |"))
      << md;
  EXPECT_TRUE(contains(md, "| Retries | 2 |")) << md;
  EXPECT_TRUE(contains(md, "| Waited on rate limits | 1m05s |")) << md;
  EXPECT_TRUE(contains(md, "| Workflow run | https://github.com/acme/ops/actions/runs/42 |")) << md;
  EXPECT_TRUE(contains(md, "```sh\nbackfill --repo octocat/Hello-World --chunk-size 25\n```\n"))
      << md;
  EXPECT_FALSE(contains(md, "### Error")) << md;
}

TEST(RenderSummary, ACompletedRunHasNoResumeCommand) {
  RunReport report = paused_report();
  report.status = "completed";
  report.exit_code = 0;
  report.stop_reason.reset();
  report.total_processed = report.total_expected;
  const std::string md = render_summary(report);
  EXPECT_TRUE(contains(md, "| Status | completed (exit code 0) |")) << md;
  EXPECT_TRUE(contains(md, "100.0%")) << md;
  EXPECT_FALSE(contains(md, "### Resume")) << md;
}

TEST(RenderSummary, UnknownRateLimitAndNoChunks) {
  RunReport report = paused_report();
  report.rate_limit_remaining.reset();
  report.rate_limit_limit.reset();
  report.rate_limit_reset_epoch.reset();
  report.chunk_durations.clear();
  const std::string md = render_summary(report);
  EXPECT_TRUE(
      contains(md, "| Rate limit left | unknown (no response carried rate-limit headers) |"))
      << md;
  EXPECT_TRUE(contains(md, "| Chunk timings | no chunk committed |")) << md;
}

TEST(RenderSummary, AFailureShowsTheErrorFencedAndTheResumeCommand) {
  const std::string md =
      render_summary(failed_report("HTTP 500 from `GET /pulls`\n```\nnot a fence"));
  EXPECT_TRUE(contains(md, "| Status | failed (exit code 1) |")) << md;
  EXPECT_TRUE(
      contains(md, "### Error\n\n```text\nHTTP 500 from 'GET /pulls'\n'''\nnot a fence\n```\n"))
      << md;
  EXPECT_TRUE(contains(md, "### Resume")) << md;
  EXPECT_TRUE(contains(md, "backfill --repo octocat/Hello-World --chunk-size 25")) << md;
  EXPECT_EQ(count(md, "```") % 2, 0u) << md;
}

TEST(RenderSummary, TableCellsCannotBeBrokenByTheirText) {
  RunReport report = paused_report();
  report.stop_reason = "a | b\nc";
  const std::string md = render_summary(report);
  EXPECT_TRUE(contains(md, "| Stopped because | a \\| b c |")) << md;
}

TEST(RenderSummary, StaysUnderOneMebibyteWhatever) {
  const std::string huge(5 * 1024 * 1024, 'E');
  RunReport report = failed_report(huge);
  report.stop_reason = huge;
  report.cursor = huge;
  report.resume_command = huge;
  report.run_url = huge;
  report.repository = huge;
  report.status = huge;
  report.chunk_durations.assign(1'000'000, std::chrono::milliseconds(5));
  const std::string md = render_summary(report);
  EXPECT_LT(md.size(), kSummaryLimitBytes);
  EXPECT_TRUE(contains(md, "more bytes of 5,242,880 are in the job log")) << md.substr(0, 2000);
  EXPECT_EQ(count(md, "```") % 2, 0u);
  EXPECT_TRUE(contains(md, "1,000,000 chunks")) << md.substr(0, 2000);
}

TEST(RenderSummary, GarbledBytesAreReplacedNotPublished) {
  const std::string md =
      render_summary(failed_report(std::string("bad \xff\xfe bytes \0 here", 20)));
  EXPECT_TRUE(contains(md, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes  here")) << md;
}

TEST(RenderSummary, CutsMultiByteCharactersWhole) {
  // 'é' is two bytes; a cut in the middle of one would leave invalid UTF-8.
  std::string error;
  for (int i = 0; i < 40'000; ++i) error += "\xC3\xA9";
  const std::string md = render_summary(failed_report("x" + error));
  const auto start = md.find("```text\n") + 8;
  const auto end = md.find("\n```", start);
  const std::string shown = md.substr(start, end - start);
  EXPECT_EQ(shown.size() % 2, 1u);  // "x" plus whole two-byte characters
}

TEST(AppendSummary, AppendsAfterEarlierSteps) {
  const std::string path = ::testing::TempDir() + "/step_summary_test";
  std::ofstream(path) << "# Earlier step\n";
  append_summary(path, "## Backfill\n");
  append_summary(path, "## Again\n");
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), "# Earlier step\n## Backfill\n\n## Again\n\n");
  std::filesystem::remove(path);
}

TEST(AppendSummary, AnUnwritableFileIsAFatalError) {
  EXPECT_THROW(append_summary("/nonexistent/dir/summary", "x"), backfill::FatalError);
}
