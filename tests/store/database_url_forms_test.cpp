// Which strings are database URLs: mistyped PostgreSQL URLs and unknown
// schemes are refused before anything is opened or created, libpq
// keyword/value strings select PostgreSQL, and paths stay SQLite files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"

namespace backfill::store {
namespace {

std::string usage_error(const std::string& url) {
  try {
    backend_for_url(url);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no error";
}

// Runs `body` with an empty temporary directory as the working directory,
// and returns what it left there.
template <class Body>
std::vector<std::string> files_left_by(Body body) {
  char dir[] = "/tmp/backfill-url-forms.XXXXXX";
  EXPECT_NE(mkdtemp(dir), nullptr);
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  body();
  std::filesystem::current_path(before);
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    left.push_back(entry.path().string());
  }
  std::filesystem::remove_all(dir);
  return left;
}

TEST(DatabaseUrlForms, MistypedPostgresUrlsAreUsageErrorsSayingHowToWriteThem) {
  for (const std::string url : {"postgres:user@host/db", "postgres:/host/db", "postgresql:/host/db",
                                "postgresql:user@host:5432/db", "postgres:", "postgresql:host",
                                "Postgres://host/db", "POSTGRESQL:/host/db"}) {
    const std::string message = usage_error(url);
    EXPECT_NE(message.find("'" + url + "' is not a valid URL"), std::string::npos) << message;
    EXPECT_NE(message.find("PostgreSQL URLs start with postgres:// or postgresql://"),
              std::string::npos)
        << message;
  }
}

TEST(DatabaseUrlForms, OtherSchemesAreUsageErrors) {
  for (const std::string url : {"mysql:host/db", "file:backfill.db", "pg:host/db", "sqlite3:x.db",
                                "SQLite:x.db", "jdbc:postgresql://host/db", "C:backfill.db"}) {
    const std::string message = usage_error(url);
    EXPECT_NE(message.find("'" + url + "'"), std::string::npos) << url << ": " << message;
    EXPECT_NE(message.find("sqlite:PATH"), std::string::npos) << url << ": " << message;
  }
}

TEST(DatabaseUrlForms, TheMessageNeverShowsThePassword) {
  for (const std::string url : {"postgres:alice:Hunter2Pw@host/db", "postgresql:/alice:Hunter2Pw@h",
                                "mysql://root:Hunter2Pw@db/x", "mysql:root:Hunter2Pw@db/x"}) {
    const std::string message = usage_error(url);
    EXPECT_NE(message, "no error") << url;
    EXPECT_EQ(message.find("Hunter2Pw"), std::string::npos) << message;
  }
}

TEST(DatabaseUrlForms, NoFileIsCreatedFromAMistypedUrl) {
  for (const std::string url :
       {"postgres:alice@127.0.0.1:1/db", "postgresql:db.example/prs", "postgres:prs.db"}) {
    const auto left = files_left_by([&] { EXPECT_THROW(open_store(url), UsageError) << url; });
    EXPECT_TRUE(left.empty()) << url << " left " << left.front();
  }
}

TEST(DatabaseUrlForms, PathsStaySqliteFiles) {
  for (const std::string path :
       {"backfill.db", "/tmp/x.db", "./a:b.db", "data/a:b.db", "/tmp/a:b.db", "../up:one.db",
        "2024:backup.db", "a=b.db", "postgres.db", "sqlite:a:b.db"}) {
    EXPECT_EQ(backend_for_url(path), Backend::kSqlite) << path;
  }
  EXPECT_EQ(sqlite_path_for_url("./a:b.db"), "./a:b.db");
  EXPECT_EQ(sqlite_path_for_url("sqlite:a:b.db"), "a:b.db");
}

TEST(DatabaseUrlForms, LibpqKeywordValueStringsSelectPostgres) {
  for (const std::string conninfo :
       {"host=127.0.0.1 port=1 dbname=x", "dbname=backfill", "  host = db  user=alice",
        "service=prod", "hostaddr=10.0.0.1 password='a b' dbname=x"}) {
    EXPECT_EQ(backend_for_url(conninfo), Backend::kPostgres) << conninfo;
  }
}

TEST(DatabaseUrlForms, KeywordValueStringsAreNeverOpenedAsFiles) {
  const auto left = files_left_by([] {
    EXPECT_THROW(open_store("host=127.0.0.1 port=1 dbname=x connect_timeout=5"), FatalError);
  });
  EXPECT_TRUE(left.empty()) << left.front();
}

}  // namespace
}  // namespace backfill::store
