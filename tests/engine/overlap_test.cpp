// The list path's overlap against the fake GitHub server and both real
// databases: the next page is requested while a chunk is written, and the
// run stays exact whatever fails around it (engine/prefetch.hpp).
#include <gtest/gtest.h>

#include "backfill/store/errors.hpp"
#include "support/db_probe.hpp"
#include "support/engine_harness.hpp"
#include "support/watched_store.hpp"

namespace backfill::testing {
namespace {

using engine::RunResult;

class Overlap : public ::testing::TestWithParam<store::Backend> {
 protected:
  Overlap() : h(GetParam()), store(h.store()) {
    h.github.add_repository("octo/overlap", 300);
    // Pages of the listing (per_page=100; the count asks for per_page=1).
    h.github.on_request([this](std::size_t, const fake_github::RecordedRequest& r) {
      if (r.path.ends_with("/pulls") && r.query.find("per_page=100") != std::string::npos) {
        pages.arrived();
      }
    });
  }

  // A chunk of 100 PRs is a page: chunks 1 and 2 are each a page's last.
  engine::RunParams params() {
    auto p = h.params_for("octo/overlap");
    p.chunk_size = 100;
    return p;
  }

  std::int64_t count(const std::string& sql) { return query_int(h.db(), sql); }

  EngineHarness h;
  WatchedStore store;
  ArrivalCount pages;
};

TEST_P(Overlap, TheNextPageIsRequestedWhileAChunkIsWritten) {
  std::vector<bool> next_page_during_write;
  store.before_write = [&](int write) {
    // Page `write + 1` asked for while chunk `write` is being written; the
    // last chunk has no next page to wait for.
    if (write < 3) next_page_during_write.push_back(pages.wait_for(write + 1));
  };
  const auto outcome = h.run(params(), store);
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(next_page_during_write, (std::vector<bool>{true, true}));
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 300);
  EXPECT_EQ(pages.count(), 3u);  // nothing fetched twice
  // Each chunk counts the requests that brought it, the prefetch included:
  // the repository, the count and page 1, then one page each.
  EXPECT_EQ(query_ints(h.db(), "SELECT requests FROM backfill_chunks ORDER BY chunk_index"),
            (std::vector<std::int64_t>{3, 1, 1}));
  EXPECT_EQ(outcome.requests, 5);
}

TEST_P(Overlap, AFailedWriteStopsTheRunAndThePrefetchedPageIsDropped) {
  store.before_write = [&](int write) {
    if (write != 2) return;
    ASSERT_TRUE(pages.wait_for(3));  // page 3 is on its way
    throw store::ConnectionLost("PostgreSQL", "server closed the connection unexpectedly");
  };
  const auto outcome = h.run(params(), store);
  ASSERT_EQ(outcome.result, RunResult::kFailed);
  EXPECT_NE(outcome.reason.find("at chunk 2 of this run; everything up to chunk 1 is stored"),
            std::string::npos)
      << outcome.reason;
  EXPECT_EQ(outcome.chunks, 1);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 100);
  EXPECT_EQ(count("SELECT max(number) FROM pull_requests"), 100);
  EXPECT_EQ(count("SELECT total_processed FROM backfill_progress"), 100);
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_progress"), "failed");

  // The next run goes on from chunk 1's cursor.
  const auto resumed = h.run(params());
  ASSERT_EQ(resumed.result, RunResult::kCompleted) << resumed.reason;
  EXPECT_EQ(resumed.stored_this_run, 200);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 300);
}

TEST_P(Overlap, AStopSignalDuringThePrefetchKeepsTheChunkWrittenMeanwhile) {
  h.github.on_request([this](std::size_t, const fake_github::RecordedRequest& r) {
    if (r.path.ends_with("/pulls") && r.query.find("page=2") != std::string::npos &&
        r.query.find("per_page=100") != std::string::npos) {
      h.cancel.request_stop();  // SIGINT as page 2 is asked for, while chunk 1 is written
    }
  });
  const auto outcome = h.run(params(), store);
  ASSERT_EQ(outcome.result, RunResult::kPaused) << outcome.reason;
  EXPECT_EQ(outcome.pause, engine::PauseKind::kSignal);
  EXPECT_EQ(outcome.chunks, 1);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 100);
  EXPECT_EQ(count("SELECT total_processed FROM backfill_progress"), 100);
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_progress"), "paused");
}

INSTANTIATE_TEST_SUITE_P(Backends, Overlap,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
