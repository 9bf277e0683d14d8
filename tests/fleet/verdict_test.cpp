// The verdict of each state, judged at a fixed time.
#include <gtest/gtest.h>

#include "backfill/fleet/verdict.hpp"

namespace backfill::fleet {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using store::Status;

const SystemTime kNow = parse_iso8601("2024-06-01T12:00:00Z");

store::Progress progress(Status status, std::int64_t stored, const std::string& updated_at) {
  store::Progress p;
  p.repository_id = "r";
  p.status = status;
  p.total_processed = stored;
  p.started_at = "2024-06-01T00:00:00Z";
  p.updated_at = updated_at;
  return p;
}

VerdictInput input(std::optional<store::Progress> p, std::optional<std::int64_t> github) {
  VerdictInput in;
  in.progress = std::move(p);
  in.github_count = github;
  in.now = kNow;
  in.stall_after = hours(2);
  return in;
}

TEST(Verdict, KindsHaveTheirDocumentedNames) {
  EXPECT_EQ(to_string(VerdictKind::kComplete), "complete");
  EXPECT_EQ(to_string(VerdictKind::kIncomplete), "incomplete");
  EXPECT_EQ(to_string(VerdictKind::kNeverStarted), "never started");
  EXPECT_EQ(to_string(VerdictKind::kStalled), "stalled");
  EXPECT_EQ(to_string(VerdictKind::kPaused), "paused");
  EXPECT_EQ(to_string(VerdictKind::kFailed), "failed");
  EXPECT_EQ(to_string(VerdictKind::kUnknown), "unknown");
}

TEST(Verdict, NoProgressRowIsNeverStarted) {
  const auto v = judge(input(std::nullopt, 312));
  EXPECT_EQ(v.kind, VerdictKind::kNeverStarted);
  EXPECT_EQ(v.gap, 312);
  EXPECT_EQ(v.detail, "no backfill yet; 312 PRs on GitHub");
}

TEST(Verdict, PendingWithNothingStoredIsNeverStartedAndWithRowsIncomplete) {
  EXPECT_EQ(judge(input(progress(Status::kPending, 0, "2024-06-01T11:00:00Z"), 10)).kind,
            VerdictKind::kNeverStarted);
  const auto v = judge(input(progress(Status::kPending, 4, "2024-06-01T11:00:00Z"), 10));
  EXPECT_EQ(v.kind, VerdictKind::kIncomplete);
  EXPECT_EQ(v.gap, 6);
}

TEST(Verdict, CompletedWithEverythingStoredIsComplete) {
  auto p = progress(Status::kCompleted, 1500, "2024-06-01T10:00:00Z");
  p.completed_at = "2024-06-01T10:00:00Z";
  const auto v = judge(input(p, 1500));
  EXPECT_EQ(v.kind, VerdictKind::kComplete);
  EXPECT_EQ(v.gap, 0);
  EXPECT_EQ(v.detail, "completed at 2024-06-01T10:00:00Z");
}

TEST(Verdict, DeletedPullsStayStoredAndDoNotMakeAGap) {
  auto p = progress(Status::kCompleted, 1502, "2024-06-01T10:00:00Z");
  const auto v = judge(input(p, 1500));
  EXPECT_EQ(v.kind, VerdictKind::kComplete);
  EXPECT_EQ(v.gap, 0);
  EXPECT_EQ(v.detail, "completed; 2 PRs deleted on GitHub stay stored");
}

TEST(Verdict, CompletedButGitHubHasMoreNowIsIncompleteWithTheGap) {
  auto p = progress(Status::kCompleted, 1500, "2024-06-01T10:00:00Z");
  p.completed_at = "2024-06-01T10:00:00Z";
  const auto v = judge(input(p, 1512));
  EXPECT_EQ(v.kind, VerdictKind::kIncomplete);
  EXPECT_EQ(v.gap, 12);
  EXPECT_EQ(v.detail, "completed at 2024-06-01T10:00:00Z, but GitHub has 12 PRs more now");
}

TEST(Verdict, CompletedWithoutGitHubsCountIsUnknown) {
  auto in = input(progress(Status::kCompleted, 10, "2024-06-01T10:00:00Z"), std::nullopt);
  in.github_error = "Not Found";
  const auto v = judge(in);
  EXPECT_EQ(v.kind, VerdictKind::kUnknown);
  EXPECT_EQ(v.gap, std::nullopt);
  EXPECT_EQ(v.detail, "completed, but GitHub's count is unavailable: Not Found");
}

TEST(Verdict, InProgressAndMovingIsIncomplete) {
  const auto v = judge(input(progress(Status::kInProgress, 400, "2024-06-01T11:55:00Z"), 1000));
  EXPECT_EQ(v.kind, VerdictKind::kIncomplete);
  EXPECT_EQ(v.gap, 600);
  EXPECT_EQ(v.detail, "in progress, last progress 5m ago; 600 PRs to go");
}

TEST(Verdict, InProgressWithoutProgressForStallAfterIsStalled) {
  // Exactly two hours without progress: stalled; a second less: still moving.
  auto stalled = judge(input(progress(Status::kInProgress, 400, "2024-06-01T10:00:00Z"), 1000));
  EXPECT_EQ(stalled.kind, VerdictKind::kStalled);
  EXPECT_EQ(stalled.gap, 600);
  EXPECT_EQ(stalled.detail,
            "in progress, but no progress for 2h00m (since 2024-06-01T10:00:00Z); 600 PRs to go");
  EXPECT_EQ(judge(input(progress(Status::kInProgress, 400, "2024-06-01T10:00:01Z"), 1000)).kind,
            VerdictKind::kIncomplete);

  // --stall-after changes the line.
  auto in = input(progress(Status::kInProgress, 400, "2024-06-01T11:30:00Z"), 1000);
  in.stall_after = minutes(30);
  EXPECT_EQ(judge(in).kind, VerdictKind::kStalled);
  in.stall_after = minutes(31);
  EXPECT_EQ(judge(in).kind, VerdictKind::kIncomplete);
}

TEST(Verdict, InProgressWithoutARecordedTimeIsStalled) {
  auto p = progress(Status::kInProgress, 1, "");
  p.updated_at.reset();
  EXPECT_EQ(judge(input(p, 5)).kind, VerdictKind::kStalled);
  EXPECT_EQ(judge(input(progress(Status::kInProgress, 1, "garbage"), 5)).kind,
            VerdictKind::kStalled);
}

TEST(Verdict, PausedSaysWhyAndWhenItMayResume) {
  auto p = progress(Status::kPaused, 300, "2024-06-01T11:00:00Z");
  p.last_error = "rate limit exhausted";
  p.resume_after = "2024-06-01T12:40:00Z";
  auto v = judge(input(p, 1000));
  EXPECT_EQ(v.kind, VerdictKind::kPaused);
  EXPECT_EQ(v.gap, 700);
  EXPECT_EQ(v.detail,
            "rate limit exhausted; may resume after 2024-06-01T12:40:00Z (in 40m); "
            "700 PRs to go");

  p.resume_after = "2024-06-01T11:30:00Z";
  EXPECT_EQ(judge(input(p, 1000)).detail,
            "rate limit exhausted; may resume now (since 2024-06-01T11:30:00Z); "
            "700 PRs to go");

  p.resume_after.reset();
  p.last_error = "time budget of 60s used";
  EXPECT_EQ(judge(input(p, 300)).detail, "time budget of 60s used; resumes on the next run");
}

TEST(Verdict, PausedLongAgoIsStillPausedNotStalled) {
  auto p = progress(Status::kPaused, 300, "2024-05-01T00:00:00Z");
  EXPECT_EQ(judge(input(p, 1000)).kind, VerdictKind::kPaused);
}

TEST(Verdict, FailedCarriesTheError) {
  auto p = progress(Status::kFailed, 50, "2024-06-01T11:00:00Z");
  p.last_error = "GitHub rejected the token";
  p.error_count = 1;
  auto v = judge(input(p, 100));
  EXPECT_EQ(v.kind, VerdictKind::kFailed);
  EXPECT_EQ(v.gap, 50);
  EXPECT_EQ(v.detail, "GitHub rejected the token");
  p.error_count = 3;
  EXPECT_EQ(judge(input(p, 100)).detail, "GitHub rejected the token (3 failures so far)");
}

TEST(Verdict, AnUnavailableCountLeavesTheStateVerdictAndSaysWhy) {
  auto in = input(progress(Status::kFailed, 50, "2024-06-01T11:00:00Z"), std::nullopt);
  in.progress->last_error = "HTTP 502";
  in.github_error = "Not Found";
  const auto v = judge(in);
  EXPECT_EQ(v.kind, VerdictKind::kFailed);
  EXPECT_EQ(v.gap, std::nullopt);
  EXPECT_EQ(v.detail, "HTTP 502; GitHub's count is unavailable: Not Found");

  auto never = input(std::nullopt, std::nullopt);
  never.github_error = "Not Found";
  EXPECT_EQ(judge(never).kind, VerdictKind::kNeverStarted);
  EXPECT_EQ(judge(never).detail, "no backfill yet; GitHub's count is unavailable: Not Found");
}

}  // namespace
}  // namespace backfill::fleet
