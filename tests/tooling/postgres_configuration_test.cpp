// Without BACKFILL_TEST_PG_URL the PostgreSQL tests are skipped, loudly, on a
// developer's machine, and fail under CI (CI=true) so that CI cannot pass
// without running them. The Child tests below are what the others run, in
// this very executable, with the environment under their control; run
// directly (by ctest) they simply use the configured server.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "support/process.hpp"
#include "support/test_databases.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using backfill::store::Backend;

// The way most store tests take their database: a fixture member.
class PostgresConfigurationChildFixture : public ::testing::Test {
 protected:
  backfill::testing::FreshStore fresh_{Backend::kPostgres};
};

std::map<std::string, std::string> environment_without_server() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry; ++entry) {
    const std::string text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string::npos) env[text.substr(0, eq)] = text.substr(eq + 1);
  }
  env.erase("BACKFILL_TEST_PG_URL");
  env.erase("CI");
  return env;
}

backfill::testing::ProcessResult run_children(const std::map<std::string, std::string>& env) {
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  return backfill::testing::run_process(self, {"--gtest_filter=PostgresConfigurationChild*"}, env);
}

const char* const kSkipMessage =
    "PostgreSQL tests skipped: set BACKFILL_TEST_PG_URL or run scripts/test.sh";

}  // namespace

TEST(PostgresConfigurationChild, MakesADatabaseInTheTestBody) {
  backfill::testing::TestDatabase database(Backend::kPostgres);
  EXPECT_EQ(backfill::store::backend_for_url(database.url()), Backend::kPostgres);
}

TEST_F(PostgresConfigurationChildFixture, MakesAStoreInTheFixture) {
  EXPECT_NE(fresh_.store, nullptr);
}

TEST(PostgresConfiguration, WithoutAServerOutsideCiTheTestsAreSkippedLoudly) {
  const auto result = run_children(environment_without_server());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("[  SKIPPED ] PostgresConfigurationChild.MakesADatabaseInTheTestBody"),
            std::string::npos)
      << result.out;
  EXPECT_NE(
      result.out.find("[  SKIPPED ] PostgresConfigurationChildFixture.MakesAStoreInTheFixture"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find(kSkipMessage), std::string::npos) << result.out;
  EXPECT_NE(result.err.find(kSkipMessage), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("[  FAILED  ]"), std::string::npos) << result.out;
}

TEST(PostgresConfiguration, WithoutAServerUnderCiTheTestsFail) {
  auto env = environment_without_server();
  env["CI"] = "true";
  const auto result = run_children(env);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("[  FAILED  ] PostgresConfigurationChild.MakesADatabaseInTheTestBody"),
            std::string::npos)
      << result.out;
  EXPECT_NE(
      result.out.find("[  FAILED  ] PostgresConfigurationChildFixture.MakesAStoreInTheFixture"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("BACKFILL_TEST_PG_URL is not set and CI is"), std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("[  SKIPPED ]"), std::string::npos) << result.out;
}
