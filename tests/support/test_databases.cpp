#include "support/test_databases.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>

#include "store/migrations.hpp"
#include "store/postgres/postgres_sql.hpp"
#include "store/sqlite/sqlite_sql.hpp"

namespace backfill::testing {

namespace {

void admin_command(const std::string& server_url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(server_url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(
        "cannot connect to the PostgreSQL test server (BACKFILL_TEST_PG_URL): " +
        std::string(PQerrorMessage(conn.get())));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(sql.substr(0, 200) + ": " + PQerrorMessage(conn.get()));
  }
}

// The server URL with its database path replaced by `database`.
std::string with_database(const std::string& server_url, const std::string& database) {
  auto authority = server_url.find("://");
  auto path = server_url.find('/', authority == std::string::npos ? 0 : authority + 3);
  auto query = server_url.find('?');
  std::string base = server_url.substr(0, std::min(path, query));
  std::string tail = query == std::string::npos ? "" : server_url.substr(query);
  return base + "/" + database + tail;
}

std::string unique_database_name() {
  static std::atomic<int> counter{0};
  std::random_device random;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%08x", random());
  return "backfill_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
         suffix;
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  if (ci == nullptr) return false;
  const std::string value = ci;
  return !value.empty() && value != "false" && value != "0";
}

// Ends the current test as skipped from wherever the database is made (a
// fixture's constructor or SetUp, or a test body): GTEST_SKIP() can only
// return from the function it is written in, so it records the skip in a
// lambda and the exception gtest treats as "already reported" unwinds the
// rest.
[[noreturn]] void skip_current_test(const std::string& why) {
  static std::once_flag banner;
  std::call_once(banner, [&] { std::fprintf(stderr, "\n*** %s ***\n\n", why.c_str()); });
  [&] { GTEST_SKIP() << why; }();
  throw ::testing::AssertionException(
      ::testing::TestPartResult(::testing::TestPartResult::kSkip, __FILE__, __LINE__, why.c_str()));
}

}  // namespace

std::string postgres_test_server_url() {
  const char* url = std::getenv("BACKFILL_TEST_PG_URL");
  if (url != nullptr && *url != '\0') return url;
  if (running_in_ci()) {
    throw std::runtime_error(
        "BACKFILL_TEST_PG_URL is not set and CI is: the PostgreSQL tests must run in CI. They "
        "need a server they may create and drop databases on, e.g. "
        "BACKFILL_TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres (scripts/test.sh "
        "starts one)");
  }
  skip_current_test(
      "PostgreSQL tests skipped: set BACKFILL_TEST_PG_URL or run scripts/test.sh (which starts a "
      "throwaway server)");
}

TestDatabase::TestDatabase(store::Backend backend) : backend_(backend) {
  if (backend == store::Backend::kSqlite) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "backfill-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    directory_ = pattern;
    url_ = "sqlite://" + directory_ + "/test.db";
    return;
  }
  admin_url_ = postgres_test_server_url();
  database_name_ = unique_database_name();
  admin_command(admin_url_, "CREATE DATABASE " + database_name_);
  url_ = with_database(admin_url_, database_name_);
}

TestDatabase::~TestDatabase() {
  try {
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
    if (!database_name_.empty()) {
      admin_command(admin_url_, "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warning: cannot remove test database %s: %s\n", url_.c_str(), e.what());
  }
}

FreshStore::FreshStore(store::Backend backend)
    : database(backend), store(store::open_store(database.url())) {
  store->migrate();
}

void execute(const std::string& database_url, const std::string& sql) {
  if (store::backend_for_url(database_url) == store::Backend::kPostgres) {
    admin_command(database_url, sql);
    return;
  }
  const std::string path = store::sqlite_path_for_url(database_url);
  sqlite3* db = nullptr;
  const int opened = sqlite3_open(path.c_str(), &db);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(db, sqlite3_close);
  if (opened != SQLITE_OK) {
    throw std::runtime_error("cannot open " + path + ": " +
                             (db ? sqlite3_errmsg(db) : "out of memory"));
  }
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    throw std::runtime_error(sql.substr(0, 200) + ": " + message);
  }
}

void migrate_up_to(const TestDatabase& database, const std::string& last_version) {
  const bool postgres = database.backend() == store::Backend::kPostgres;
  // The store's own schema_migrations DDL, so migrate() later finds the
  // table exactly as it would have left it.
  std::string script = std::string(postgres ? store::postgres::sql::kCreateSchemaMigrations
                                            : store::sqlite::sql::kCreateSchemaMigrations) +
                       ";\n";
  bool reached = false;
  for (const auto& migration : store::migrations_for(postgres ? "postgres" : "sqlite")) {
    script += std::string(migration.sql) + ";\nINSERT INTO schema_migrations (version) VALUES ('" +
              migration.version + "');\n";
    if (migration.version == last_version) {
      reached = true;
      break;
    }
  }
  if (!reached) throw std::runtime_error("no embedded migration " + last_version);
  execute(database.url(), "BEGIN;\n" + script + "COMMIT;");
}

PullRequest sample_pull_request(std::int64_t number) {
  PullRequest pr;
  pr.github_id = 1'000'000 + number;
  pr.number = number;
  pr.title = "Pull request #" + std::to_string(number);
  pr.body = std::string("Body of #") + std::to_string(number) + "\n" + std::string(1000, 'x');
  pr.state = number % 3 == 0 ? "closed" : "open";
  pr.draft = number % 5 == 0;
  const std::int64_t author = 500 + number % 7;
  pr.author = Contributor{author, "user" + std::to_string(author),
                          "https://avatars.example/u/" + std::to_string(author), "User"};
  pr.created_at = "2024-01-02T03:04:05Z";
  pr.updated_at = "2024-02-03T04:05:06Z";
  if (pr.state == "closed") {
    pr.closed_at = "2024-03-04T05:06:07Z";
    pr.merged_at = "2024-03-04T05:06:07Z";
    pr.merge_commit_sha = "0123456789abcdef0123456789abcdef" + std::to_string(10000000 + number);
  }
  pr.head_ref = "feature/" + std::to_string(number);
  pr.base_ref = "main";
  pr.html_url = "https://github.com/octo/repo/pull/" + std::to_string(number);
  return pr;
}

std::string iso_column(store::Backend backend, const std::string& column) {
  if (backend == store::Backend::kSqlite) return column;
  return "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
}

std::string backend_name(store::Backend backend) {
  return backend == store::Backend::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace backfill::testing
