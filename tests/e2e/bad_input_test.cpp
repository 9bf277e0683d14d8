// Usage errors, GitHub refusals, and secrets: clear messages, documented exit
// codes, nothing stored lost or leaked.
#include <fstream>
#include <sstream>

#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class BadInput : public BackfillE2E {};

TEST_P(BadInput, BadRepositoryNamesAreUsageErrorsNamingTheValue) {
  for (std::string bad : {"nope", "a/b/c", "-bad/x", "own er/x", "a/..", "/x"}) {
    auto r = run({"--repo", bad});
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
    EXPECT_NE(r.err.find("'" + bad + "'"), std::string::npos) << r.err;
  }
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(BadInput, BadNumbersAndUrlsAreUsageErrors) {
  for (std::vector<std::string> args :
       std::vector<std::vector<std::string>>{{"--repo", "a/b", "--chunk-size", "0"},
                                             {"--repo", "a/b", "--chunk-size", "101"},
                                             {"--repo", "a/b", "--chunk-size", "ten"},
                                             {"--repo", "a/b", "--max-chunks", "-1"},
                                             {"--repo", "a/b", "--time-budget", "forever"},
                                             {"--repo", "a/b", "--api-url", "not a url"},
                                             {"--repo", "a/b", "--database-url", "mysql://x/y"},
                                             {"--repo", "a/b", "--no-such-flag"},
                                             {}}) {
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(r.err.empty());
  }
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(BadInput, RejectedTokenFailsAtOnceWithoutLeakingIt) {
  github_.add_repository("octo/private", 10);
  github_.set_valid_token("ghp_theRightTokenWhichTheRunDoesNotHave00000");
  auto r = run({"--repo", "octo/private", "-v"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("GitHub rejected the token"), std::string::npos) << r.err;
  EXPECT_EQ(api_requests(), 1u);  // no retry loop
  EXPECT_EQ((r.out + r.err).find(kTestToken), std::string::npos);
}

TEST_P(BadInput, UnknownRepositoryFailsAtOnce) {
  auto r = run({"--repo", "octo/missing"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("repository not found, or the token cannot see it"), std::string::npos)
      << r.err;
  EXPECT_EQ(api_requests(), 1u);
}

TEST_P(BadInput, TokenReachesNoLogFileOrRow) {
  github_.add_repository("octo/secret", 60);
  auto r = run({"--repo", "octo/secret", "-v", "--chunk-size", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ((r.out + r.err).find(kTestToken), std::string::npos);
  // Every text column of every table.
  for (const char* table : {"repositories", "contributors", "pull_requests", "backfill_progress",
                            "backfill_runs", "backfill_chunks"}) {
    for (const auto& row : query(db(), std::string("SELECT * FROM ") + table)) {
      for (const auto& cell : row) {
        if (cell) {
          EXPECT_EQ(cell->find(kTestToken), std::string::npos) << table;
        }
      }
    }
  }
  if (GetParam() == store::Backend::kSqlite) {
    std::ifstream file(store::sqlite_path_for_url(db()), std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    EXPECT_EQ(bytes.str().find(kTestToken), std::string::npos);
  }
}

TEST_P(BadInput, FailedRunKeepsWhatWasCommitted) {
  github_.add_repository("octo/vanishing", 250);
  ASSERT_EQ(run({"--repo", "octo/vanishing", "--max-chunks", "2"}).exit_code, 75);
  github_.set_valid_token("ghp_rotatedTokenTheRunDoesNotHave000000000");
  auto r = run({"--repo", "octo/vanishing"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(stored_rows("octo/vanishing"), 100);
  EXPECT_EQ(progress("octo/vanishing", "status"), "failed");
  EXPECT_NE(progress("octo/vanishing", "last_error").value_or("").find("rejected the token"),
            std::string::npos);
}

BACKFILL_E2E_BACKENDS(BadInput);

}  // namespace
}  // namespace backfill::testing
