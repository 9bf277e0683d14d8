// What each chunk cost since the one before, taken when it is handed to the
// store, and the durations a time budget estimates from.
#include "engine/chunk_ledger.hpp"

#include <gtest/gtest.h>

namespace backfill::engine {
namespace {

using std::chrono::seconds;

const SystemTime kStart = SystemTime(seconds(1'700'000'000));

TEST(ChunkLedger, TheFirstChunkCostsWhatTheRunSpentSinceItsStart) {
  ChunkLedger ledger(kStart, {10, 0, Duration{0}});
  const ChunkCost cost = ledger.hand_over(kStart + seconds(3), {14, 1, Duration{0}});
  EXPECT_EQ(cost.requests, 4);  // the client's earlier requests are not this run's
  EXPECT_EQ(cost.retries, 1);
  EXPECT_EQ(cost.duration, seconds(3));
  EXPECT_EQ(ledger.committed(), seconds(3));
  EXPECT_EQ(ledger.last_commit(), kStart + seconds(3));
}

TEST(ChunkLedger, WhatHappensWhileAChunkIsWrittenCountsForTheNext) {
  ChunkLedger ledger(kStart, {0, 0, Duration{0}});
  ledger.hand_over(kStart + seconds(2), {3, 0, Duration{0}});
  // The next page is fetched (request 4) while the chunk is written; the
  // commit comes later, and the ledger moves to the hand-over.
  EXPECT_EQ(ledger.committed(), seconds(2));
  const ChunkCost next = ledger.hand_over(kStart + seconds(5), {4, 0, Duration{0}});
  EXPECT_EQ(next.requests, 1);
  EXPECT_EQ(next.duration, seconds(3));
}

TEST(ChunkLedger, RateLimitWaitsAreLeftOutOfTheTimeBudgetEstimate) {
  ChunkLedger ledger(kStart, {0, 0, Duration{0}});
  ledger.hand_over(kStart + seconds(100), {2, 0, seconds(90)});
  EXPECT_EQ(ledger.committed(), seconds(100));  // the chunk took that long
  ASSERT_EQ(ledger.recent_durations().size(), 1u);
  EXPECT_EQ(ledger.recent_durations().back(), seconds(10));  // without its wait
}

TEST(ChunkLedger, TheEstimateKeepsTheLastFiveChunks) {
  ChunkLedger ledger(kStart, {0, 0, Duration{0}});
  for (int i = 1; i <= 7; ++i) {
    ledger.hand_over(ledger.last_commit() + seconds(i), {i, 0, Duration{0}});
    ledger.committed();
  }
  ASSERT_EQ(ledger.recent_durations().size(), 5u);
  EXPECT_EQ(ledger.recent_durations().front(), seconds(3));
  EXPECT_EQ(ledger.recent_durations().back(), seconds(7));
}

}  // namespace
}  // namespace backfill::engine
