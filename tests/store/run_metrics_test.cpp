// Run and chunk metrics: backfill_runs rows per invocation, one
// backfill_chunks row per committed chunk (numbered across runs, written in
// the chunk's own transaction), and the recent pace backfills() reports.
// Rows are checked with plain SQL, not through the store.
#include <gtest/gtest.h>

#include <chrono>

#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

using std::chrono::milliseconds;

constexpr const char* kT1 = "2024-06-01T00:00:00Z";
constexpr const char* kT2 = "2024-06-01T00:01:00Z";
constexpr const char* kT3 = "2024-06-01T01:00:00Z";
constexpr const char* kT4 = "2024-06-01T01:05:00Z";
constexpr const char* kUnknownId = "00000000-0000-4000-8000-000000000000";

class RunMetricsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { repo_ = add_repository(4242, "repo"); }

  Store& store() { return *fresh_.store; }
  const std::string& url() const { return fresh_.database.url(); }
  std::string iso(const std::string& column) const {
    return testing::iso_column(GetParam(), column);
  }

  Repository add_repository(std::int64_t github_id, const std::string& name) {
    return store().upsert_repository(github_id, RepoName{"octo", name}, kT1);
  }

  std::string start_run(const std::string& now) {
    return store().start_run_record(RunRecordStart{repo_.id, "octo/repo", "terminal", {}, now});
  }

  // PRs first..last (made distinct per repository) with the given metrics.
  static ChunkWrite chunk(const Repository& repo, std::int64_t first, std::int64_t last,
                          const std::string& cursor, const std::string& now, ChunkMetrics metrics) {
    ChunkWrite c{repo.id, {}, cursor, now, std::move(metrics)};
    for (auto n = first; n <= last; ++n) {
      auto pr = testing::sample_pull_request(n);
      pr.github_id += repo.github_id * 1'000'000;
      c.pulls.push_back(pr);
    }
    return c;
  }

  testing::FreshStore fresh_{GetParam()};
  Repository repo_;
};

TEST_P(RunMetricsTest, ChunksAreNumberedAcrossRunsAndKeepTheirMetrics) {
  const auto first_run = start_run(kT1);
  store().begin_run(repo_.id, 120, false, kT1);
  store().upsert_chunk(
      chunk(repo_, 1, 50, "c-50", kT1, {first_run, 50, 3, 1, 4990, milliseconds(1500), {}}));
  store().upsert_chunk(
      chunk(repo_, 51, 75, "c-75", kT2, {first_run, 25, 1, 0, {}, milliseconds(250), {}}));
  RunEnd paused;
  paused.status = Status::kPaused;
  paused.now = kT2;
  store().finish_run(repo_.id, paused);

  const auto second_run = start_run(kT3);
  store().begin_run(repo_.id, 120, false, kT3);
  // The listing's last chunk: fewer PRs than the chosen size.
  store().upsert_chunk(
      chunk(repo_, 76, 100, "c-100", kT3, {second_run, 40, 2, 0, 4980, milliseconds(800), {}}));
  // Starting over keeps the numbering: chunk numbers are unique per backfill.
  store().begin_run(repo_.id, 120, /*restart=*/true, kT4);
  store().upsert_chunk(
      chunk(repo_, 1, 10, "c-10", kT4, {second_run, 10, 1, 0, 4979, milliseconds(90), {}}));

  const auto backfill_id = testing::query_value(url(), "SELECT id FROM backfill_progress");
  const auto rows = testing::query(
      url(),
      "SELECT backfill_id, repository_id, run_id, chunk_index, cursor, pr_count, chunk_size,"
      " requests, retries, rate_limit_remaining, duration_ms, " +
          iso("ran_at") + " FROM backfill_chunks ORDER BY chunk_index");
  using testing::Row;
  EXPECT_EQ(
      rows,
      (std::vector<Row>{
          {backfill_id, repo_.id, first_run, "1", "c-50", "50", "50", "3", "1", "4990", "1500",
           kT1},
          {backfill_id, repo_.id, first_run, "2", "c-75", "25", "25", "1", "0", std::nullopt, "250",
           kT2},
          {backfill_id, repo_.id, second_run, "3", "c-100", "25", "40", "2", "0", "4980", "800",
           kT3},
          {backfill_id, repo_.id, second_run, "4", "c-10", "10", "10", "1", "0", "4979", "90", kT4},
      }));
  EXPECT_EQ(testing::query_int(url(), "SELECT chunks_committed FROM backfill_progress"), 4);
}

TEST_P(RunMetricsTest, ChunksOfEachBackfillAreNumberedFromOne) {
  const auto other = add_repository(7, "other");
  store().upsert_chunk(chunk(repo_, 1, 2, "a", kT1, {}));
  store().upsert_chunk(chunk(other, 1, 2, "b", kT1, {}));
  store().upsert_chunk(chunk(repo_, 3, 4, "c", kT1, {}));
  EXPECT_EQ(testing::query(url(),
                           "SELECT c.cursor, c.chunk_index, c.run_id FROM backfill_chunks c"
                           " ORDER BY c.cursor"),
            (std::vector<testing::Row>{
                {"a", "1", std::nullopt}, {"b", "1", std::nullopt}, {"c", "2", std::nullopt}}));
}

// The metrics row is part of the chunk's transaction: when it is refused
// (here: a run that does not exist), the PRs, authors and cursor go too.
TEST_P(RunMetricsTest, AChunkWhoseMetricsRowFailsLeavesNothingBehind) {
  store().begin_run(repo_.id, 10, false, kT1);
  ChunkMetrics bad;
  bad.run_id = kUnknownId;
  EXPECT_THROW(store().upsert_chunk(chunk(repo_, 1, 5, "c-5", kT2, bad)), FatalError);

  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM pull_requests"), 0);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM contributors"), 0);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM backfill_chunks"), 0);
  const auto p = store().load_progress(repo_.id).value();
  EXPECT_EQ(p.cursor, std::nullopt);
  EXPECT_EQ(p.total_processed, 0);
  EXPECT_EQ(p.updated_at, kT1);
  EXPECT_EQ(testing::query_int(url(), "SELECT chunks_committed FROM backfill_progress"), 0);

  const auto run = start_run(kT2);
  EXPECT_EQ(store().upsert_chunk(chunk(repo_, 1, 5, "c-5", kT2, {run, 5, 1, 0, {}, {}, {}})), 5);
  EXPECT_EQ(testing::query_ints(url(), "SELECT chunk_index FROM backfill_chunks"),
            std::vector<std::int64_t>{1});
}

TEST_P(RunMetricsTest, RunRecordsRoundTrip) {
  const std::string select =
      "SELECT repository_id, repository, trigger, run_url, " + iso("started_at") + ", " +
      iso("ended_at") +
      ", status, exit_code, prs_stored, requests, retries, rate_limit_wait_ms,"
      " error FROM backfill_runs WHERE id = ";
  using testing::Row;

  // Started before the repository was looked up on GitHub.
  const auto dispatched = store().start_run_record(RunRecordStart{
      {}, "Octo/Repo", "workflow_dispatch", "https://github.com/octo/ops/actions/runs/42", kT1});
  EXPECT_EQ(dispatched.size(), 36u);
  EXPECT_EQ(testing::query(url(), select + "'" + dispatched + "'"),
            (std::vector<Row>{{std::nullopt, "Octo/Repo", "workflow_dispatch",
                               "https://github.com/octo/ops/actions/runs/42", kT1, std::nullopt,
                               std::nullopt, std::nullopt, "0", "0", "0", "0", std::nullopt}}));

  store().finish_run_record(dispatched, RunRecordEnd{repo_.id, "paused", 3, 120, 9, 2,
                                                     milliseconds(61'500), "rate limit", kT2});
  EXPECT_EQ(testing::query(url(), select + "'" + dispatched + "'"),
            (std::vector<Row>{{repo_.id, "Octo/Repo", "workflow_dispatch",
                               "https://github.com/octo/ops/actions/runs/42", kT1, kT2, "paused",
                               "3", "120", "9", "2", "61500", "rate limit"}}));

  // Known from the start; an end that does not repeat it keeps it.
  const auto local = start_run(kT3);
  EXPECT_NE(local, dispatched);
  store().finish_run_record(local, RunRecordEnd{{}, "completed", 0, 5, 2, 0, {}, {}, kT4});
  EXPECT_EQ(testing::query(url(), select + "'" + local + "'"),
            (std::vector<Row>{{repo_.id, "octo/repo", "terminal", std::nullopt, kT3, kT4,
                               "completed", "0", "5", "2", "0", "0", std::nullopt}}));

  EXPECT_THROW(store().finish_run_record(kUnknownId, RunRecordEnd{}), FatalError);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM backfill_runs"), 2);
}

TEST_P(RunMetricsTest, RecentPaceSumsTheLastFiftyChunksOfEachBackfill) {
  const auto busy = add_repository(1, "busy");
  const auto small = add_repository(2, "small");
  const auto idle = add_repository(3, "idle");
  for (const auto& repo : {busy, small, idle}) store().begin_run(repo.id, 500, false, kT1);

  Pace expected_busy;
  std::int64_t next = 1;
  for (int i = 1; i <= 60; ++i) {
    const int prs = i % 3 + 1;
    const ChunkMetrics m{{}, 3, i, 0, {}, milliseconds(10 * i), {}};
    store().upsert_chunk(chunk(busy, next, next + prs - 1, "c" + std::to_string(i), kT2, m));
    next += prs;
    if (i > 10) {  // the last 50
      ++expected_busy.chunks;
      expected_busy.prs += prs;
      expected_busy.requests += i;
      expected_busy.busy += milliseconds(10 * i);
    }
  }
  store().upsert_chunk(chunk(small, 1, 4, "s1", kT2, {{}, 4, 2, 1, 100, milliseconds(700), {}}));
  store().upsert_chunk(chunk(small, 5, 5, "s2", kT2, {{}, 4, 1, 0, 99, milliseconds(300), {}}));

  auto expect_pace = [](const BackfillSummary& s, Pace p) {
    SCOPED_TRACE(s.repository);
    EXPECT_EQ(s.recent.chunks, p.chunks);
    EXPECT_EQ(s.recent.prs, p.prs);
    EXPECT_EQ(s.recent.requests, p.requests);
    EXPECT_EQ(s.recent.busy, p.busy);
  };
  const Pace expected_small{2, 5, 3, milliseconds(1000)};
  const auto active = store().backfills(std::nullopt, false);
  ASSERT_EQ(active.size(), 3u);
  EXPECT_EQ(active[0].repository, "octo/busy");
  expect_pace(active[0], expected_busy);
  EXPECT_EQ(active[1].repository, "octo/idle");
  expect_pace(active[1], Pace{});
  EXPECT_EQ(active[2].repository, "octo/small");
  expect_pace(active[2], expected_small);
  EXPECT_EQ(expected_busy.chunks, 50);

  expect_pace(store().backfills(RepoName{"Octo", "Busy"}, false).at(0), expected_busy);
  RunEnd done;
  done.status = Status::kCompleted;
  done.now = kT3;
  store().finish_run(small.id, done);
  EXPECT_EQ(store().backfills(std::nullopt, false).size(), 2u);
  const auto all = store().backfills(std::nullopt, true);
  ASSERT_EQ(all.size(), 3u);
  expect_pace(all[0], expected_busy);
  expect_pace(all[1], Pace{});
  expect_pace(all[2], expected_small);
  expect_pace(store().backfills(RepoName{"octo", "small"}, true).at(0), expected_small);
}

INSTANTIATE_TEST_SUITE_P(Backends, RunMetricsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
