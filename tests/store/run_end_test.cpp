// How the end of a run changes its progress row: the rules both engines
// write (store/run_end.hpp).
#include "store/run_end.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace backfill::store {
namespace {

RunEnd end_as(Status status, std::optional<std::string> error, const std::string& now) {
  RunEnd end;
  end.status = status;
  end.error = std::move(error);
  end.now = now;
  return end;
}

Progress before_with_error() {
  Progress p;
  p.status = Status::kInProgress;
  p.last_error = "HTTP 502";
  p.error_count = 2;
  p.total_expected = 100;
  p.completed_at = "2024-01-01T00:00:00Z";
  p.resume_after = "2024-01-02T00:00:00Z";
  return p;
}

TEST(RunEnd, OnlyCompletedPausedOrFailedEndARun) {
  EXPECT_THROW(check_run_end(end_as(Status::kPending, std::nullopt, "t")), std::invalid_argument);
  EXPECT_THROW(check_run_end(end_as(Status::kInProgress, std::nullopt, "t")),
               std::invalid_argument);
  EXPECT_THROW(run_end_row(std::nullopt, end_as(Status::kInProgress, std::nullopt, "t")),
               std::invalid_argument);
  for (auto s : {Status::kCompleted, Status::kPaused, Status::kFailed}) {
    EXPECT_NO_THROW(check_run_end(end_as(s, std::nullopt, "t")));
  }
}

TEST(RunEnd, FailureCountsAndKeepsTheNewestMessage) {
  const auto row = run_end_row(before_with_error(), end_as(Status::kFailed, "HTTP 503", "t2"));
  EXPECT_EQ(row.status, Status::kFailed);
  EXPECT_EQ(row.error_count, 3);
  EXPECT_EQ(row.last_error, "HTTP 503");
  EXPECT_EQ(row.updated_at, "t2");
  EXPECT_EQ(row.completed_at, "2024-01-01T00:00:00Z");  // from an earlier completion
  EXPECT_EQ(row.resume_after, std::nullopt);            // cleared: none given
  EXPECT_EQ(row.total_expected, 100);                   // kept: none given

  const auto first = run_end_row(std::nullopt, end_as(Status::kFailed, "boom", "t"));
  EXPECT_EQ(first.error_count, 1);
}

TEST(RunEnd, PauseWithoutAMessageKeepsTheLastError) {
  auto end = end_as(Status::kPaused, std::nullopt, "t2");
  end.resume_after = "2024-01-03T00:00:00Z";
  const auto row = run_end_row(before_with_error(), end);
  EXPECT_EQ(row.error_count, 2);
  EXPECT_EQ(row.last_error, "HTTP 502");
  EXPECT_EQ(row.resume_after, "2024-01-03T00:00:00Z");
}

TEST(RunEnd, CompletionClearsTheErrorAndSetsTheCount) {
  auto end = end_as(Status::kCompleted, "ignored", "t3");
  end.total_expected = 97;
  const auto row = run_end_row(before_with_error(), end);
  EXPECT_EQ(row.last_error, std::nullopt);
  EXPECT_EQ(row.error_count, 2);
  EXPECT_EQ(row.completed_at, "t3");
  EXPECT_EQ(row.total_expected, 97);
  const auto done = completion(42, "t4");
  EXPECT_EQ(done.status, Status::kCompleted);
  EXPECT_EQ(done.total_expected, 42);
  EXPECT_EQ(done.now, "t4");
}

TEST(RunEnd, NulCharactersLeaveTheMessage) {
  const auto row = run_end_row(std::nullopt, end_as(Status::kFailed, std::string("a\0b", 3), "t"));
  EXPECT_EQ(row.last_error, "ab");
}

}  // namespace
}  // namespace backfill::store
