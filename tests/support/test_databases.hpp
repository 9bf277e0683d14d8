#pragma once
// A fresh, empty database per test, for either backend, removed afterwards.
//
// PostgreSQL databases are created on the server named by the environment
// variable BACKFILL_TEST_PG_URL (e.g. postgresql://postgres@127.0.0.1:5432/
// postgres; scripts/test.sh starts one). When it is unset the PostgreSQL tests
// are SKIPPED with a message saying so, except under CI (CI set, as GitHub
// Actions sets it) where they FAIL: CI cannot pass without running them.
#include <cstdint>
#include <memory>
#include <string>

#include "backfill/core/pull_request.hpp"
#include "backfill/store/store.hpp"

namespace backfill::testing {

class TestDatabase {
 public:
  // SQLite: "sqlite:///<new temp dir>/test.db". PostgreSQL: a new database
  // "backfill_test_<pid>_<n>_<random>". Throws std::runtime_error (failing
  // the test) when PostgreSQL is not reachable, or not configured under CI;
  // skips the current test when it is not configured elsewhere.
  explicit TestDatabase(store::Backend backend);
  ~TestDatabase();  // drops the database (WITH (FORCE)) / removes the directory
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  store::Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

 private:
  store::Backend backend_;
  std::string url_;
  std::string directory_;      // SQLite
  std::string admin_url_;      // PostgreSQL
  std::string database_name_;  // PostgreSQL
};

// A migrated store on a fresh database: where most store tests start.
struct FreshStore {
  explicit FreshStore(store::Backend backend);
  TestDatabase database;
  std::unique_ptr<store::Store> store;
};

// Brings a fresh database to exactly the embedded migrations up to and
// including `last_version` (e.g. "0001_initial"), recorded in
// schema_migrations as migrate() records them: a database as an older
// release left it, for testing the later migrations on top of it.
void migrate_up_to(const TestDatabase& database, const std::string& last_version);

// Runs statements that return no rows (one or several, ';'-separated),
// behind the store's back: fixtures an older release would have written.
void execute(const std::string& database_url, const std::string& sql);

// A plausible pull request: github_id 1'000'000 + number, author id
// 500 + number % 7 (so chunks share authors), ~1 KB body, every field set.
PullRequest sample_pull_request(std::int64_t number);

// An expression giving `column` (a timestamp) as ISO-8601 text in raw SQL:
// PostgreSQL TIMESTAMP prints as "2024-01-02 03:04:05" by default.
std::string iso_column(store::Backend backend, const std::string& column);

// "Sqlite" / "Postgres": test-name suffixes for INSTANTIATE_TEST_SUITE_P.
std::string backend_name(store::Backend backend);

// The server URL from BACKFILL_TEST_PG_URL. When it is unset: under CI,
// throws std::runtime_error saying so; elsewhere, ends the current test as
// skipped ("PostgreSQL tests skipped: set BACKFILL_TEST_PG_URL or run
// scripts/test.sh").
std::string postgres_test_server_url();

}  // namespace backfill::testing
