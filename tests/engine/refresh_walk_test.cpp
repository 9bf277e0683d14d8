// The refresh walk's choices, page by page: what is written, what is left
// for being older than the watermark (minus the overlap), what comes twice.
#include <gtest/gtest.h>

#include "backfill/engine/refresh_walk.hpp"

namespace backfill::engine {
namespace {

PullRequest pull(std::int64_t id, const std::string& updated_at) {
  PullRequest p;
  p.github_id = id;
  p.number = id;
  p.updated_at = updated_at;
  return p;
}

std::vector<std::int64_t> ids(const std::vector<PullRequest>& pulls) {
  std::vector<std::int64_t> out;
  for (const auto& p : pulls) out.push_back(p.github_id);
  return out;
}

TEST(RefreshWalk, WritesDownToTheWatermarkMinusTheOverlapAndStops) {
  RefreshWalk walk(std::string("2026-11-30T12:00:00Z"), std::chrono::minutes(5));
  const auto taken = walk.take({pull(1, "2026-11-30T13:00:00Z"), pull(2, "2026-11-30T12:00:00Z"),
                                pull(3, "2026-11-30T11:55:00Z"), pull(4, "2026-11-30T11:54:59Z"),
                                pull(5, "2026-11-30T14:00:00Z")});
  EXPECT_EQ(ids(taken), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_TRUE(walk.reached_end());
  EXPECT_EQ(walk.new_watermark(), "2026-11-30T13:00:00Z");            // the first met
  EXPECT_TRUE(walk.take({pull(6, "2026-11-30T15:00:00Z")}).empty());  // over
}

TEST(RefreshWalk, APullRequestPushedOntoTheNextPageIsWrittenOnce) {
  RefreshWalk walk(std::string("2026-01-01T00:00:00Z"), std::chrono::minutes(5));
  EXPECT_EQ(ids(walk.take({pull(9, "2026-03-01T00:00:00Z"), pull(8, "2026-02-01T00:00:00Z")})),
            (std::vector<std::int64_t>{9, 8}));
  EXPECT_FALSE(walk.reached_end());
  // Something updated meanwhile moved to the top: #8 comes again.
  EXPECT_EQ(ids(walk.take({pull(8, "2026-02-01T00:00:00Z"), pull(7, "2026-01-15T00:00:00Z")})),
            (std::vector<std::int64_t>{7}));
  EXPECT_EQ(walk.new_watermark(), "2026-03-01T00:00:00Z");
}

TEST(RefreshWalk, WithoutAWatermarkEverythingIsWalked) {
  RefreshWalk walk(std::nullopt, std::chrono::minutes(5));
  EXPECT_EQ(ids(walk.take({pull(2, "2015-01-01T00:00:00Z"), pull(1, "2014-01-01T00:00:00Z")})),
            (std::vector<std::int64_t>{2, 1}));
  EXPECT_FALSE(walk.reached_end());
  EXPECT_FALSE(RefreshWalk(std::nullopt, std::chrono::minutes(5)).new_watermark().has_value());
}

TEST(RefreshWalk, AnUnreadableTimeIsWrittenNotTakenForTheEnd) {
  RefreshWalk walk(std::string("2026-01-01T00:00:00Z"), std::chrono::minutes(5));
  EXPECT_EQ(ids(walk.take({pull(1, "garbage"), pull(2, "2025-01-01T00:00:00Z")})),
            (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(walk.reached_end());
  EXPECT_THROW(RefreshWalk(std::string("not a time"), std::chrono::minutes(5)),
               std::invalid_argument);
}

TEST(RefreshWalk, MeetSaysWriteAgainOrEndOneAtATime) {
  using Met = RefreshWalk::Met;
  RefreshWalk walk(std::string("2026-01-01T00:00:00Z"), std::chrono::minutes(5));
  EXPECT_EQ(walk.meet(7, "2026-02-01T00:00:00Z"), Met::kWrite);
  EXPECT_EQ(walk.meet(7, "2026-02-01T00:00:00Z"), Met::kAgain);
  EXPECT_EQ(walk.meet(8, "2025-12-31T23:56:00Z"), Met::kWrite);  // within the overlap
  EXPECT_FALSE(walk.reached_end());
  EXPECT_EQ(walk.meet(9, "2025-12-31T23:54:00Z"), Met::kEnd);
  EXPECT_TRUE(walk.reached_end());
  EXPECT_EQ(walk.meet(10, "2026-03-01T00:00:00Z"), Met::kEnd);  // over, whatever comes
  EXPECT_EQ(walk.new_watermark(), "2026-02-01T00:00:00Z");
}

TEST(RefreshWalk, TheFirstWatermarkIsTheBackfillsStart) {
  EXPECT_EQ(first_watermark(std::string("2026-11-30T10:00:00Z")), "2026-11-30T10:00:00Z");
  EXPECT_FALSE(first_watermark(std::nullopt).has_value());
  EXPECT_FALSE(first_watermark(std::string("yesterday")).has_value());
}

}  // namespace
}  // namespace backfill::engine
