// Migrations: applied once, recorded, safe to run twice or concurrently, and
// the same schema contract in both engines.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <latch>
#include <thread>

#include "backfill/store/store.hpp"
#include "store/migrations.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

std::vector<std::string> all_versions(const char* engine) {
  std::vector<std::string> out;
  for (const auto& m : migrations_for(engine)) out.emplace_back(m.version);
  return out;
}

std::vector<std::string> all_versions(Backend backend) {
  return all_versions(backend == Backend::kSqlite ? "sqlite" : "postgres");
}

std::vector<std::string> recorded_versions(const std::string& url) {
  std::vector<std::string> out;
  for (const auto& row :
       testing::query(url, "SELECT version FROM schema_migrations ORDER BY version")) {
    out.push_back(row.at(0).value());
  }
  return out;
}

TEST(Migrations, BothEnginesHaveTheSameVersionsInOrder) {
  const auto sqlite = all_versions("sqlite");
  ASSERT_FALSE(sqlite.empty());
  EXPECT_EQ(sqlite,
            (std::vector<std::string>{"0001_initial", "0002_run_metrics", "0003_registry",
                                      "0004_scheduling", "0005_wide_integers", "0006_depth",
                                      "0007_refresh", "0008_streams", "0009_rate_limit_reset"}));
  EXPECT_EQ(sqlite, all_versions("postgres"));
  EXPECT_TRUE(std::is_sorted(sqlite.begin(), sqlite.end()));
}

class MigrateTest : public ::testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase db{GetParam()};
};

TEST_P(MigrateTest, AppliesEveryMigrationOnceThenIsANoOp) {
  auto store = open_store(db.url());
  EXPECT_EQ(store->migrate(), all_versions(GetParam()));
  const auto recorded = recorded_versions(db.url());
  EXPECT_EQ(recorded, all_versions(GetParam()));
  const auto applied_at =
      testing::query(db.url(), "SELECT applied_at FROM schema_migrations ORDER BY version")
          .at(0)
          .at(0);
  EXPECT_TRUE(applied_at.has_value());

  EXPECT_TRUE(store->migrate().empty());
  EXPECT_TRUE(open_store(db.url())->migrate().empty());
  EXPECT_EQ(recorded_versions(db.url()), recorded);
  EXPECT_EQ(testing::query(db.url(), "SELECT applied_at FROM schema_migrations ORDER BY version")
                .at(0)
                .at(0),
            applied_at);
}

TEST_P(MigrateTest, ConcurrentMigratorsApplyEachVersionExactlyOnce) {
  auto first = open_store(db.url());
  auto second = open_store(db.url());
  std::vector<std::string> applied_by_first, applied_by_second;
  std::string error_of_first, error_of_second;  // one each: no shared writes
  std::latch start(2);
  auto run = [&](Store& store, std::vector<std::string>& applied, std::string& error) {
    start.arrive_and_wait();
    try {
      applied = store.migrate();
    } catch (const std::exception& e) {
      error = e.what();
    }
  };
  std::thread a(run, std::ref(*first), std::ref(applied_by_first), std::ref(error_of_first));
  std::thread b(run, std::ref(*second), std::ref(applied_by_second), std::ref(error_of_second));
  a.join();
  b.join();
  ASSERT_EQ(error_of_first, "");
  ASSERT_EQ(error_of_second, "");
  auto applied = applied_by_first;
  applied.insert(applied.end(), applied_by_second.begin(), applied_by_second.end());
  std::sort(applied.begin(), applied.end());
  EXPECT_EQ(applied, recorded_versions(db.url()));
  EXPECT_EQ(applied, all_versions(GetParam()));
}

std::vector<std::string> columns_of(Backend backend, const std::string& url,
                                    const std::string& table) {
  const std::string sql =
      backend == Backend::kSqlite
          ? "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid"
          : "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = '" +
                table + "' ORDER BY ordinal_position";
  std::vector<std::string> out;
  for (const auto& row : testing::query(url, sql)) out.push_back(row.at(0).value());
  return out;
}

TEST_P(MigrateTest, SchemaHasTheContractedTablesAndColumns) {
  open_store(db.url())->migrate();
  using Columns = std::vector<std::string>;
  EXPECT_EQ(columns_of(GetParam(), db.url(), "repositories"),
            (Columns{"id", "github_id", "owner", "name", "created_at", "updated_at", "tracked",
                     "tracked_at", "github_pull_count", "github_count_checked_at", "dispatched_at",
                     "prefer_actions", "backfill_with"}));
  EXPECT_EQ(
      columns_of(GetParam(), db.url(), "contributors"),
      (Columns{"id", "github_id", "login", "avatar_url", "type", "created_at", "updated_at"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "pull_requests"), (Columns{"id",
                                                                        "github_id",
                                                                        "repository_id",
                                                                        "number",
                                                                        "title",
                                                                        "body",
                                                                        "state",
                                                                        "draft",
                                                                        "author_id",
                                                                        "created_at",
                                                                        "updated_at",
                                                                        "closed_at",
                                                                        "merged_at",
                                                                        "merge_commit_sha",
                                                                        "head_ref",
                                                                        "base_ref",
                                                                        "html_url",
                                                                        "fetched_at",
                                                                        "additions",
                                                                        "deletions",
                                                                        "changed_files",
                                                                        "commits_count",
                                                                        "comments_count",
                                                                        "reviews_count",
                                                                        "merged_by_id",
                                                                        "review_decision",
                                                                        "details_fetched_at"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "reviews"),
            (Columns{"id", "github_id", "pull_request_id", "author_id", "state", "body",
                     "submitted_at"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "comments"),
            (Columns{"id", "github_id", "kind", "pull_request_id", "repository_id",
                     "pull_request_number", "author_id", "body", "created_at", "updated_at", "path",
                     "line", "review_github_id", "in_reply_to_github_id"}));
  EXPECT_EQ(
      columns_of(GetParam(), db.url(), "backfill_progress"),
      (Columns{"id", "repository_id", "last_processed_cursor", "total_processed", "total_expected",
               "status", "started_at", "updated_at", "completed_at", "last_error", "error_count",
               "chunk_size", "resume_after", "chunks_committed"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "backfill_runs"),
            (Columns{"id", "repository_id", "repository", "trigger", "run_url", "started_at",
                     "ended_at", "status", "exit_code", "prs_stored", "requests", "retries",
                     "rate_limit_wait_ms", "error"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "backfill_chunks"),
            (Columns{"id", "backfill_id", "repository_id", "run_id", "chunk_index", "cursor",
                     "pr_count", "chunk_size", "requests", "retries", "rate_limit_remaining",
                     "duration_ms", "ran_at", "scope_id", "points", "rate_limit_reset_at"}));
  // The contract's columns first and unchanged; later migrations append.
  EXPECT_EQ(
      columns_of(GetParam(), db.url(), "active_backfills"),
      (Columns{"repository", "total_processed", "total_expected", "status", "started_at",
               "updated_at", "last_error", "percent_complete", "resume_after", "backfill_id"}));
}

// A database as release 0001 left it, with a backfill under way, then
// migrated by this release: 0002 and what follows apply and every row
// survives, readable through the store and ready for the next chunk.
TEST_P(MigrateTest, RunMetricsMigrationAppliesOnTopOfTheInitialSchemaAndKeepsRows) {
  testing::migrate_up_to(db, "0001_initial");
  EXPECT_EQ(recorded_versions(db.url()), std::vector<std::string>{"0001_initial"});
  const std::string repo_id = "6a1e2b3c-0000-4000-8000-000000000001";
  testing::execute(
      db.url(),
      "INSERT INTO repositories (id, github_id, owner, name, created_at, updated_at) VALUES ('" +
          repo_id +
          "', 77, 'octo', 'old', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
          "INSERT INTO contributors (id, github_id, login, created_at, updated_at) VALUES"
          " ('6a1e2b3c-0000-4000-8000-000000000002', 500, 'someone', '2024-01-01T00:00:00Z',"
          "  '2024-01-01T00:00:00Z');"
          "INSERT INTO pull_requests (id, github_id, repository_id, number, title, author_id)"
          " VALUES ('6a1e2b3c-0000-4000-8000-000000000003', 9001, '" +
          repo_id +
          "', 1, 'first',"
          " '6a1e2b3c-0000-4000-8000-000000000002');"
          "INSERT INTO backfill_progress (id, repository_id, last_processed_cursor,"
          " total_processed, total_expected, status, started_at, updated_at, last_error,"
          " error_count) VALUES ('6a1e2b3c-0000-4000-8000-000000000004', '" +
          repo_id +
          "', 'cursor-1', 1, 5, 'failed', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z',"
          " 'HTTP 502', 1)");

  auto store = open_store(db.url());
  EXPECT_EQ(store->migrate(),
            (std::vector<std::string>{"0002_run_metrics", "0003_registry", "0004_scheduling",
                                      "0005_wide_integers", "0006_depth", "0007_refresh",
                                      "0008_streams", "0009_rate_limit_reset"}));
  EXPECT_EQ(recorded_versions(db.url()), all_versions(GetParam()));

  const auto progress = store->load_progress(repo_id).value();
  EXPECT_EQ(progress.cursor, "cursor-1");
  EXPECT_EQ(progress.total_processed, 1);
  EXPECT_EQ(progress.total_expected, 5);
  EXPECT_EQ(progress.status, Status::kFailed);
  EXPECT_EQ(progress.last_error, "HTTP 502");
  EXPECT_EQ(progress.error_count, 1);
  EXPECT_EQ(progress.started_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ(progress.updated_at, "2024-01-01T01:00:00Z");
  EXPECT_EQ(progress.resume_after, std::nullopt);
  EXPECT_EQ(store->count_pulls(repo_id), 1);
  EXPECT_EQ(testing::query_value(db.url(), "SELECT title FROM pull_requests"), "first");
  EXPECT_EQ(testing::query_value(db.url(), "SELECT login FROM contributors"), "someone");
  EXPECT_EQ(store->find_repository(RepoName{"octo", "old"})->github_id, 77);

  const auto listed = store->backfills(std::nullopt, false);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].repository, "octo/old");
  EXPECT_EQ(listed[0].last_error, "HTTP 502");
  EXPECT_EQ(listed[0].recent.chunks, 0);
  EXPECT_EQ(listed[0].recent.busy, std::chrono::milliseconds(0));

  // The backfill carries on: its first metered chunk is chunk 1.
  store->begin_run(repo_id, 5, false, "2024-01-02T00:00:00Z");
  ChunkWrite chunk{
      repo_id, {testing::sample_pull_request(2)}, "cursor-2", "2024-01-02T00:00:01Z", {}};
  EXPECT_EQ(store->upsert_chunk(chunk), 2);
  EXPECT_EQ(
      testing::query(db.url(), "SELECT backfill_id, chunk_index, cursor FROM backfill_chunks"),
      (std::vector<testing::Row>{{"6a1e2b3c-0000-4000-8000-000000000004", "1", "cursor-2"}}));
}

// A database as release 0002 left it: every repository in it came from a
// backfill, and a backfill tracks its repository, so 0003 tracks them all
// (since they were first stored) and knows no GitHub count yet.
TEST_P(MigrateTest, RegistryMigrationTracksTheRepositoriesStoredBefore) {
  testing::migrate_up_to(db, "0002_run_metrics");
  testing::execute(
      db.url(),
      "INSERT INTO repositories (id, github_id, owner, name, created_at, updated_at) VALUES"
      " ('6a1e2b3c-0000-4000-8000-000000000011', 77, 'octo', 'one', '2024-01-01T00:00:00Z',"
      "  '2024-03-01T00:00:00Z'),"
      " ('6a1e2b3c-0000-4000-8000-000000000012', 78, 'Octo', 'Two', '2024-02-01T00:00:00Z',"
      "  '2024-02-01T00:00:00Z')");

  auto store = open_store(db.url());
  EXPECT_EQ(store->migrate(),
            (std::vector<std::string>{"0003_registry", "0004_scheduling", "0005_wide_integers",
                                      "0006_depth", "0007_refresh", "0008_streams",
                                      "0009_rate_limit_reset"}));
  const auto tracked = store->tracked_repositories();
  ASSERT_EQ(tracked.size(), 2u);
  EXPECT_EQ(tracked[0].repository.name, (RepoName{"octo", "one"}));
  EXPECT_EQ(tracked[0].tracked_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ(tracked[1].repository.name, (RepoName{"Octo", "Two"}));
  EXPECT_EQ(tracked[1].tracked_at, "2024-02-01T00:00:00Z");
  for (const auto& t : tracked) {
    EXPECT_EQ(t.github_pull_count, std::nullopt);
    EXPECT_EQ(t.github_count_checked_at, std::nullopt);
  }
  // Repositories stored from now on are tracked only when asked to be.
  store->upsert_repository(79, RepoName{"octo", "three"}, "2024-06-01T00:00:00Z");
  EXPECT_EQ(store->tracked_repositories().size(), 2u);
}

// A database as release 0004 left it: 0005 widens the numbers, the
// active_backfills view it recreates still lists the backfill, and numbers
// past 2^31 then fit on both engines.
TEST_P(MigrateTest, WideIntegersMigrationKeepsRowsAndTheView) {
  testing::migrate_up_to(db, "0004_scheduling");
  const std::string repo_id = "6a1e2b3c-0000-4000-8000-000000000021";
  testing::execute(
      db.url(),
      "INSERT INTO repositories (id, github_id, owner, name, created_at, updated_at) VALUES ('" +
          repo_id +
          "', 77, 'octo', 'wide', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
          "INSERT INTO backfill_progress (id, repository_id, total_processed, total_expected,"
          " status) VALUES ('6a1e2b3c-0000-4000-8000-000000000022', '" +
          repo_id + "', 3, 5, 'paused')");
  auto store = open_store(db.url());
  EXPECT_EQ(store->migrate(),
            (std::vector<std::string>{"0005_wide_integers", "0006_depth", "0007_refresh",
                                      "0008_streams", "0009_rate_limit_reset"}));
  EXPECT_EQ(testing::query(db.url(),
                           "SELECT repository, total_processed, total_expected, status"
                           " FROM active_backfills"),
            (std::vector<testing::Row>{{"octo/wide", "3", "5", "paused"}}));
  store->begin_run(repo_id, std::int64_t{1} << 40, false, "2024-06-01T00:00:00Z");
  EXPECT_EQ(store->load_progress(repo_id)->total_expected, std::int64_t{1} << 40);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
