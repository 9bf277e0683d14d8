// `stale`: an in_progress backfill whose repository lock no run holds.
#include <gtest/gtest.h>

#include "backfill/store/store.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr const char* kNow = "2024-06-01T00:00:00Z";

class StaleTest : public ::testing::TestWithParam<Backend> {
 protected:
  Store& store() { return *fresh_.store; }
  testing::FreshStore fresh_{GetParam()};
};

TEST_P(StaleTest, AnInProgressBackfillWithoutALiveRunIsStale) {
  const auto running = store().upsert_repository(1, RepoName{"octo", "running"}, kNow);
  const auto died = store().upsert_repository(2, RepoName{"octo", "died"}, kNow);
  const auto paused = store().upsert_repository(3, RepoName{"octo", "paused"}, kNow);
  for (const auto& r : {running, died, paused}) store().begin_run(r.id, 10, false, kNow);
  RunEnd end;
  end.status = Status::kPaused;
  end.now = kNow;
  store().finish_run(paused.id, end);
  // A live run holds its lock, here from another connection of this process.
  auto other = open_store(fresh_.database.url());
  auto lock = other->try_lock_repository(running);
  ASSERT_NE(lock, nullptr);

  const auto rows = store().backfills(std::nullopt, true);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].repository, "octo/died");
  EXPECT_TRUE(rows[0].stale);
  EXPECT_EQ(shown_status(rows[0]), "stale");
  EXPECT_EQ(rows[1].repository, "octo/paused");
  EXPECT_FALSE(rows[1].stale);
  EXPECT_EQ(shown_status(rows[1]), "paused");
  EXPECT_EQ(rows[2].repository, "octo/running");
  EXPECT_FALSE(rows[2].stale);
  EXPECT_EQ(shown_status(rows[2]), "in_progress");

  // Looking did not take the lock away from anyone.
  EXPECT_NE(other->try_lock_repository(died), nullptr);
  EXPECT_EQ(store().try_lock_repository(running), nullptr);
  lock.reset();
  EXPECT_TRUE(store().backfills(RepoName{"octo", "running"}, false).at(0).stale);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaleTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace backfill::store
