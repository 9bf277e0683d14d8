// The `stale` verdict, judged at a fixed time: a completed backfill whose
// list scope was not refreshed (or, never refreshed, completed) within
// stale_after.
#include <gtest/gtest.h>

#include "backfill/fleet/verdict.hpp"

namespace backfill::fleet {
namespace {

using std::chrono::hours;

const SystemTime kNow = parse_iso8601("2024-06-02T12:00:00Z");

VerdictInput completed(const std::string& completed_at, std::optional<std::string> refreshed_at) {
  store::Progress p;
  p.repository_id = "r";
  p.status = store::Status::kCompleted;
  p.total_processed = 100;
  p.completed_at = completed_at;
  VerdictInput in;
  in.progress = p;
  in.github_count = 100;
  in.now = kNow;
  in.refreshed_at = std::move(refreshed_at);
  return in;
}

TEST(StaleVerdict, NeverRefreshedCountsFromTheCompletion) {
  EXPECT_EQ(to_string(VerdictKind::kStale), "stale");
  const auto v = judge(completed("2024-06-01T11:00:00Z", std::nullopt));
  EXPECT_EQ(v.kind, VerdictKind::kStale);
  EXPECT_EQ(v.detail,
            "completed at 2024-06-01T11:00:00Z, never refreshed (1d01h ago); `backfill refresh` "
            "brings it up to date");
  EXPECT_EQ(judge(completed("2024-06-01T12:00:01Z", std::nullopt)).kind, VerdictKind::kComplete);
}

TEST(StaleVerdict, ARecentRefreshKeepsItComplete) {
  const auto v = judge(completed("2024-05-01T00:00:00Z", "2024-06-02T06:00:00Z"));
  EXPECT_EQ(v.kind, VerdictKind::kComplete);
  EXPECT_EQ(v.detail, "completed at 2024-05-01T00:00:00Z, refreshed at 2024-06-02T06:00:00Z");
  const auto old = judge(completed("2024-05-01T00:00:00Z", "2024-06-01T06:00:00Z"));
  EXPECT_EQ(old.kind, VerdictKind::kStale);
  EXPECT_EQ(old.detail,
            "completed, last refreshed 2024-06-01T06:00:00Z (1d06h ago); `backfill refresh` "
            "brings it up to date");
}

TEST(StaleVerdict, StaleAfterIsTheLimit) {
  auto in = completed("2024-06-01T06:00:00Z", std::nullopt);
  in.stale_after = hours(48);
  EXPECT_EQ(judge(in).kind, VerdictKind::kComplete);
  in.stale_after = hours(30);
  EXPECT_EQ(judge(in).kind, VerdictKind::kStale);  // exactly 30 h: stale
}

TEST(StaleVerdict, AGapStaysIncompleteWhateverTheRefresh) {
  auto in = completed("2024-05-01T00:00:00Z", std::nullopt);
  in.github_count = 120;
  EXPECT_EQ(judge(in).kind, VerdictKind::kIncomplete);
}

}  // namespace
}  // namespace backfill::fleet
