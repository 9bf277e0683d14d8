// A run's database going away: the message, the end recorded once the
// database is back, and a dead run recorded by the next one.
#include "engine/database_outage.hpp"

#include <gtest/gtest.h>

#include "support/db_probe.hpp"
#include "support/engine_harness.hpp"
#include "support/manual_clock.hpp"

namespace backfill::testing {
namespace {

using engine::RunResult;
using std::chrono::seconds;

const store::ConnectionLost kLost("PostgreSQL", "server closed the connection unexpectedly");

TEST(DatabaseOutage, TheMessageSaysWhereItStoppedAndWhatIsKept) {
  EXPECT_EQ(engine::connection_lost_message(kLost, 30, true),
            "lost the connection to PostgreSQL at chunk 31 of this run; everything up to chunk "
            "30 is stored; run again to resume (server closed the connection unexpectedly)");
  EXPECT_EQ(engine::connection_lost_message(kLost, 30, false),
            "lost the connection to PostgreSQL after chunk 30 of this run; everything up to "
            "chunk 30 is stored; run again to resume (server closed the connection "
            "unexpectedly)");
  EXPECT_EQ(engine::connection_lost_message(kLost, 0, true),
            "lost the connection to PostgreSQL at chunk 1 of this run; nothing was stored by "
            "this run, earlier runs' chunks are kept; run again to resume (server closed the "
            "connection unexpectedly)");
}

TEST(DatabaseOutage, TheEndIsRecordedOnceTheDatabaseIsBack) {
  ManualClock clock;
  CancelToken cancel;
  int calls = 0;
  EXPECT_TRUE(
      engine::record_when_database_is_back("the failed state", clock, cancel, seconds(60), [&] {
        if (++calls < 4) throw kLost;
      }));
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(clock.waits(), (std::vector<Duration>(3, seconds(1))));
}

TEST(DatabaseOutage, WaitingForTheDatabaseEndsWithTheWindowOrAStop) {
  ManualClock clock;
  CancelToken cancel;
  int calls = 0;
  EXPECT_FALSE(
      engine::record_when_database_is_back("the failed state", clock, cancel, seconds(60), [&] {
        ++calls;
        throw kLost;
      }));
  EXPECT_EQ(calls, 61);
  EXPECT_EQ(clock.waits().size(), 60u);

  // No window: one try. A stop request: no more tries.
  calls = 0;
  EXPECT_FALSE(engine::record_when_database_is_back("the run", clock, cancel, Duration{0}, [&] {
    ++calls;
    throw kLost;
  }));
  EXPECT_EQ(calls, 1);
  cancel.request_stop();
  calls = 0;
  EXPECT_FALSE(engine::record_when_database_is_back("the run", clock, cancel, seconds(60), [&] {
    ++calls;
    throw kLost;
  }));
  EXPECT_EQ(calls, 1);
  // Other failures are not waited out either.
  CancelToken fresh;
  calls = 0;
  EXPECT_FALSE(engine::record_when_database_is_back("the run", clock, fresh, seconds(60), [&] {
    ++calls;
    throw FatalError("no such table");
  }));
  EXPECT_EQ(calls, 1);
}

class DeadRun : public ::testing::TestWithParam<store::Backend> {
 protected:
  DeadRun() : h(GetParam()) {}
  EngineHarness h;
};

TEST_P(DeadRun, TheNextRunRecordsARunThatDiedInProgressAsFailed) {
  h.github.add_repository("octo/died", 120);
  auto params = h.params_for("octo/died");
  params.max_chunks = 1;
  ASSERT_EQ(h.run(params).result, RunResult::kPaused);
  // A run began and died (kill -9): in_progress, and nobody holds the lock.
  const auto repo = h.store().find_repository(RepoName{"octo", "died"}).value();
  h.store().begin_run(repo.id, 120, false, "2024-06-01T00:00:00Z");
  EXPECT_TRUE(h.store().backfills(std::nullopt, false).at(0).stale);

  ASSERT_EQ(h.run(params).result, RunResult::kPaused);
  const auto progress = h.store().load_progress(repo.id).value();
  EXPECT_EQ(progress.error_count, 1);  // the dead run, recorded as failed
  EXPECT_FALSE(h.store().backfills(std::nullopt, false).at(0).stale);  // paused, not in progress
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 100);
}

TEST_P(DeadRun, ADeadRunIsRecordedAsFailedSayingSo) {
  auto& store = h.store();
  const auto repo = store.upsert_repository(9, RepoName{"octo", "gone"}, "2024-06-01T00:00:00Z");
  store.begin_run(repo.id, 10, false, "2024-06-01T00:00:00Z");
  engine::record_a_dead_run(store, repo.id, store.load_progress(repo.id), "2024-06-01T01:00:00Z");
  const auto progress = store.load_progress(repo.id).value();
  EXPECT_EQ(progress.status, store::Status::kFailed);
  EXPECT_EQ(progress.error_count, 1);
  EXPECT_EQ(progress.updated_at, "2024-06-01T01:00:00Z");
  EXPECT_NE(progress.last_error.value_or("").find("the previous run (last progress at "
                                                  "2024-06-01T00:00:00Z) ended without recording"),
            std::string::npos)
      << progress.last_error.value_or("");
  // Only an in_progress row is a dead run's.
  engine::record_a_dead_run(store, repo.id, store.load_progress(repo.id), "2024-06-01T02:00:00Z");
  engine::record_a_dead_run(store, repo.id, std::nullopt, "2024-06-01T02:00:00Z");
  EXPECT_EQ(store.load_progress(repo.id)->error_count, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeadRun,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
