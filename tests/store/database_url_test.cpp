// Which backend a database URL names, and what open_store says when it
// cannot use one: never a password.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

TEST(DatabaseUrl, PostgresSchemesSelectPostgres) {
  EXPECT_EQ(backend_for_url("postgres://u@host/db"), Backend::kPostgres);
  EXPECT_EQ(backend_for_url("postgresql://u:p@host:5432/db?sslmode=disable"), Backend::kPostgres);
}

TEST(DatabaseUrl, SqliteFormsSelectSqlite) {
  EXPECT_EQ(backend_for_url("sqlite:data/backfill.db"), Backend::kSqlite);
  EXPECT_EQ(backend_for_url("sqlite:///var/lib/backfill.db"), Backend::kSqlite);
  EXPECT_EQ(backend_for_url("sqlite://rel.db"), Backend::kSqlite);
  EXPECT_EQ(backend_for_url("backfill.db"), Backend::kSqlite);
  EXPECT_EQ(backend_for_url("/abs/path/backfill.db"), Backend::kSqlite);
  EXPECT_EQ(backend_for_url("postgres.db"), Backend::kSqlite);  // a file name, not a scheme
}

TEST(DatabaseUrl, SqlitePathIsTheTextAfterTheScheme) {
  EXPECT_EQ(sqlite_path_for_url("sqlite:data/backfill.db"), "data/backfill.db");
  EXPECT_EQ(sqlite_path_for_url("sqlite:///var/lib/backfill.db"), "/var/lib/backfill.db");
  EXPECT_EQ(sqlite_path_for_url("sqlite://rel.db"), "rel.db");
  EXPECT_EQ(sqlite_path_for_url("sqlite:/abs.db"), "/abs.db");
  EXPECT_EQ(sqlite_path_for_url("./local.db"), "./local.db");
}

TEST(DatabaseUrl, UnknownSchemeIsAUsageErrorNamingIt) {
  try {
    backend_for_url("mysql://root:hunter2@db.example/prs");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("mysql"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(open_store("mysql://root@db.example/prs"), UsageError);
  EXPECT_THROW(sqlite_path_for_url("postgresql://host/db"), UsageError);
}

TEST(DatabaseUrl, EmptyUrlsAreUsageErrors) {
  EXPECT_THROW(backend_for_url(""), UsageError);
  EXPECT_THROW(backend_for_url("sqlite:"), UsageError);
  EXPECT_THROW(backend_for_url("sqlite://"), UsageError);
}

// Every URL here fails to connect (nothing listens on port 1; the others are
// malformed) and holds the same password, which must not leak in any form.
TEST(DatabaseUrl, ConnectionErrorsNeverShowThePassword) {
  const std::string password = "Sup3rS3cretPw";
  for (const std::string& url : {
           "postgresql://alice:" + password + "@127.0.0.1:1/backfill",
           "postgres://alice:" + password + "@127.0.0.1:notaport/backfill",
           "postgresql://alice:" + password + "%zz@127.0.0.1:1/backfill",
           "postgresql://alice:" + password + "@127.0.0.1:1/backfill?bogus_option=1",
           "postgresql://127.0.0.1:1/backfill?user=alice&password=" + password,
       }) {
    try {
      open_store(url);
      ADD_FAILURE() << "expected FatalError";
    } catch (const FatalError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find("Sup3rS3cret"), std::string::npos) << message;
      EXPECT_FALSE(message.empty());
    }
  }
}

TEST(DatabaseUrl, UnopenableSqliteFileIsAFatalError) {
  testing::TestDatabase db(Backend::kSqlite);
  const auto dir = std::filesystem::path(sqlite_path_for_url(db.url())).parent_path();
  EXPECT_THROW(open_store("sqlite:" + (dir / "missing-dir" / "x.db").string()), FatalError);
  const auto not_a_database = dir / "garbage.db";
  std::ofstream(not_a_database) << std::string(4096, 'g');
  EXPECT_THROW(open_store("sqlite:" + not_a_database.string()), FatalError);
}

TEST(StatusText, RoundTripsAndRejectsUnknownText) {
  for (Status s : {Status::kPending, Status::kInProgress, Status::kPaused, Status::kCompleted,
                   Status::kFailed}) {
    EXPECT_EQ(status_from_string(to_string(s)), s);
  }
  EXPECT_EQ(to_string(Status::kInProgress), "in_progress");
  EXPECT_THROW(status_from_string("running"), std::invalid_argument);
}

}  // namespace
}  // namespace backfill::store
