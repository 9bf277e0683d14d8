// Migrations: applied once, recorded, safe to run twice or concurrently, and
// the same schema contract in both engines.
#include <gtest/gtest.h>

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

std::vector<std::string> recorded_versions(const std::string& url) {
  std::vector<std::string> out;
  for (const auto& row : testing::query(url, "SELECT version FROM schema_migrations ORDER BY version")) {
    out.push_back(row.at(0).value());
  }
  return out;
}

TEST(Migrations, BothEnginesHaveTheSameVersionsInOrder) {
  const auto sqlite = all_versions("sqlite");
  ASSERT_FALSE(sqlite.empty());
  EXPECT_EQ(sqlite.front(), "0001_initial");
  EXPECT_EQ(sqlite, all_versions("postgres"));
  EXPECT_TRUE(std::is_sorted(sqlite.begin(), sqlite.end()));
}

class MigrateTest : public ::testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase db{GetParam()};
};

TEST_P(MigrateTest, AppliesEveryMigrationOnceThenIsANoOp) {
  auto store = open_store(db.url());
  EXPECT_EQ(store->migrate(), all_versions(GetParam() == Backend::kSqlite ? "sqlite" : "postgres"));
  const auto recorded = recorded_versions(db.url());
  EXPECT_EQ(recorded, std::vector<std::string>{"0001_initial"});
  const auto applied_at =
      testing::query(db.url(), "SELECT applied_at FROM schema_migrations").at(0).at(0);
  EXPECT_TRUE(applied_at.has_value());

  EXPECT_TRUE(store->migrate().empty());
  EXPECT_TRUE(open_store(db.url())->migrate().empty());
  EXPECT_EQ(recorded_versions(db.url()), recorded);
  EXPECT_EQ(testing::query(db.url(), "SELECT applied_at FROM schema_migrations").at(0).at(0),
            applied_at);
}

TEST_P(MigrateTest, ConcurrentMigratorsApplyEachVersionExactlyOnce) {
  auto first = open_store(db.url());
  auto second = open_store(db.url());
  std::vector<std::string> applied_by_first, applied_by_second;
  std::string error;
  std::latch start(2);
  auto run = [&](Store& store, std::vector<std::string>& applied) {
    start.arrive_and_wait();
    try {
      applied = store.migrate();
    } catch (const std::exception& e) {
      error = e.what();
    }
  };
  std::thread a(run, std::ref(*first), std::ref(applied_by_first));
  std::thread b(run, std::ref(*second), std::ref(applied_by_second));
  a.join();
  b.join();
  ASSERT_EQ(error, "");
  auto applied = applied_by_first;
  applied.insert(applied.end(), applied_by_second.begin(), applied_by_second.end());
  std::sort(applied.begin(), applied.end());
  EXPECT_EQ(applied, recorded_versions(db.url()));
  EXPECT_EQ(applied, std::vector<std::string>{"0001_initial"});
}

std::vector<std::string> columns_of(Backend backend, const std::string& url,
                                    const std::string& table) {
  const std::string sql =
      backend == Backend::kSqlite
          ? "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid"
          : "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = '" + table + "' ORDER BY ordinal_position";
  std::vector<std::string> out;
  for (const auto& row : testing::query(url, sql)) out.push_back(row.at(0).value());
  return out;
}

TEST_P(MigrateTest, SchemaHasTheContractedTablesAndColumns) {
  open_store(db.url())->migrate();
  using Columns = std::vector<std::string>;
  EXPECT_EQ(columns_of(GetParam(), db.url(), "repositories"),
            (Columns{"id", "github_id", "owner", "name", "created_at", "updated_at"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "contributors"),
            (Columns{"id", "github_id", "login", "avatar_url", "type", "created_at", "updated_at"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "pull_requests"),
            (Columns{"id", "github_id", "repository_id", "number", "title", "body", "state",
                     "draft", "author_id", "created_at", "updated_at", "closed_at", "merged_at",
                     "merge_commit_sha", "head_ref", "base_ref", "html_url", "fetched_at"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "backfill_progress"),
            (Columns{"id", "repository_id", "last_processed_cursor", "total_processed",
                     "total_expected", "status", "started_at", "updated_at", "completed_at",
                     "last_error", "error_count", "chunk_size"}));
  EXPECT_EQ(columns_of(GetParam(), db.url(), "active_backfills"),
            (Columns{"repository", "total_processed", "total_expected", "status", "started_at",
                     "updated_at", "last_error", "percent_complete"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace backfill::store
