#include "backfill/actions/failure_issue.hpp"

#include <gtest/gtest.h>

#include "actions/report_fixture.hpp"

using namespace backfill::actions;
using backfill::actions::testing::failed_report;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST(FailureIssue, TitleAndLabel) {
  EXPECT_EQ(issue_title("octocat/Hello-World"), "Backfill failed: octocat/Hello-World");
  EXPECT_STREQ(kFailureLabel, "backfill-failure");
}

TEST(FailureIssue, BodyHasEverythingNeededToAct) {
  const std::string body =
      issue_body(failed_report("HTTP 502 from GET /repos/octocat/Hello-World/pulls"));
  EXPECT_TRUE(contains(body, "```text\nHTTP 502 from GET /repos/octocat/Hello-World/pulls\n```"))
      << body;
  EXPECT_TRUE(contains(body, "- Cursor: page 44, after PR #4402 (created 2024-04-30T10:00:00Z)"))
      << body;
  EXPECT_TRUE(contains(body, "- PRs stored: 4,370 of 10,000 expected (43.7%)")) << body;
  EXPECT_TRUE(contains(body, "- Stored by this run: 1,250 in 4 chunks")) << body;
  EXPECT_TRUE(contains(body, "- Remaining: 4,900 of 5,000")) << body;
  EXPECT_TRUE(contains(body, "- Resets: 2024-05-01T12:34:56Z")) << body;
  EXPECT_TRUE(contains(body, "Workflow run: https://github.com/acme/ops/actions/runs/42")) << body;
  EXPECT_TRUE(contains(body, "```sh\nbackfill --repo octocat/Hello-World --chunk-size 25\n```"))
      << body;
}

TEST(FailureIssue, EveryTextStaysWithinGitHubsBodyLimit) {
  RunReport report = failed_report(std::string(3 * 1024 * 1024, 'E'));
  report.cursor = std::string(1024 * 1024, 'C');
  report.resume_command = std::string(1024 * 1024, 'R');
  report.run_url = std::string(1024 * 1024, 'U');
  for (const std::string& text :
       {issue_body(report), repeat_failure_comment(report), completion_comment(report)}) {
    EXPECT_LT(text.size(), kIssueBodyLimitBytes);
    EXPECT_LT(kIssueBodyLimitBytes, 65'536u);
  }
  EXPECT_TRUE(contains(issue_body(report), "more bytes of 3,145,728 are in the job log"));
}

TEST(FailureIssue, RepeatFailureCommentCarriesTheNewError) {
  const std::string comment = repeat_failure_comment(failed_report("database went away"));
  EXPECT_TRUE(contains(comment, "Failed again (exit code 1)")) << comment;
  EXPECT_TRUE(contains(comment, "database went away")) << comment;
  EXPECT_TRUE(contains(comment, "https://github.com/acme/ops/actions/runs/42")) << comment;
}

TEST(FailureIssue, CompletionCommentSaysItIsDone) {
  RunReport report = failed_report("");
  report.status = "completed";
  report.error.reset();
  report.total_processed = 10000;
  const std::string comment = completion_comment(report);
  EXPECT_TRUE(
      contains(comment, "Completed: 10,000 of 10,000 expected PRs stored (1,250 by this run)"))
      << comment;
  EXPECT_TRUE(contains(comment, "https://github.com/acme/ops/actions/runs/42")) << comment;
}
