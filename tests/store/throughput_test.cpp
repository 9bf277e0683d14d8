// How fast upsert_chunk writes 50-PR chunks with ~1 KB bodies. The product
// needs >= 10,000 PRs/s end to end into SQLite and >= 5,000 into PostgreSQL,
// HTTP and JSON included, so the store alone must be well above that. The
// figure is printed, not asserted (machines differ); the data is checked.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr std::int64_t kPulls = 20'000;
constexpr std::int64_t kChunk = 50;

class ThroughputTest : public ::testing::TestWithParam<Backend> {
 protected:
  testing::FreshStore fresh_{GetParam()};
};

TEST_P(ThroughputTest, UpsertChunkOfFiftyPullRequests) {
  Store& store = *fresh_.store;
  const auto repo = store.upsert_repository(1, RepoName{"octo", "big"}, "2024-06-01T00:00:00Z");
  store.begin_run(repo.id, kPulls, false, "2024-06-01T00:00:00Z");

  std::vector<ChunkWrite> chunks;  // built up front: only the store is timed
  for (std::int64_t first = 1; first <= kPulls; first += kChunk) {
    ChunkWrite c{repo.id, {}, "cursor-" + std::to_string(first), "2024-06-01T00:00:00Z", {}};
    for (auto n = first; n < first + kChunk; ++n) {
      auto pr = testing::sample_pull_request(n);
      pr.author->github_id = 500 + n % 300;
      c.pulls.push_back(std::move(pr));
    }
    chunks.push_back(std::move(c));
  }

  const auto start = std::chrono::steady_clock::now();
  std::int64_t total = 0;
  for (const auto& c : chunks) total = store.upsert_chunk(c);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

  std::printf("[ throughput ] %s: %lld PRs in %lld-PR chunks in %.3f s = %.0f PRs/s\n",
              testing::backend_name(GetParam()).c_str(), static_cast<long long>(kPulls),
              static_cast<long long>(kChunk), elapsed.count(), kPulls / elapsed.count());
  EXPECT_EQ(total, kPulls);
  EXPECT_EQ(testing::query_int(fresh_.database.url(), "SELECT count(*) FROM pull_requests"),
            kPulls);
  EXPECT_EQ(testing::query_int(fresh_.database.url(), "SELECT count(*) FROM contributors"), 300);
}

INSTANTIATE_TEST_SUITE_P(Backends, ThroughputTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
