#pragma once
// End-to-end tests run the real binary against the fake GitHub server and a
// real database (a fresh SQLite file, or a fresh database on the test
// PostgreSQL server), once per backend.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "backfill/store/store.hpp"
#include "fake_github/fake_github.hpp"
#include "support/db_probe.hpp"
#include "support/process.hpp"
#include "support/test_databases.hpp"

namespace backfill::testing {

inline constexpr const char* kTestToken = "ghp_e2eTestTokenThatMustNeverLeak0123456789";

class BackfillE2E : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The environment the binary runs with: database, API URL and token only
  // (and the sanitizer settings, under scripts/test.sh --sanitize).
  std::map<std::string, std::string> env() const;
  ProcessResult run(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& extra_env = {});
  std::unique_ptr<ChildProcess> start(const std::vector<std::string>& args,
                                      const std::map<std::string, std::string>& extra_env = {});

  const std::string& db() const { return database_->url(); }
  std::vector<std::int64_t> stored_numbers(const std::string& repo);
  std::int64_t stored_rows(const std::string& repo);
  std::optional<std::string> progress(const std::string& repo, const std::string& column);
  // Asserts the database holds exactly the fake repository's current PRs
  // plus `also` (PRs stored before being deleted on GitHub), and that the
  // counters equal the stored rows.
  void expect_exact_copy(const std::string& repo, const std::vector<std::int64_t>& also = {});
  std::size_t api_requests() const;

  fake_github::FakeGitHub github_;
  std::unique_ptr<TestDatabase> database_;
  std::string api_url_;
  std::string workdir_;
};

std::string backend_param_name(const ::testing::TestParamInfo<store::Backend>& info);

#define BACKFILL_E2E_BACKENDS(suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                          \
                           ::testing::Values(::backfill::store::Backend::kSqlite,    \
                                             ::backfill::store::Backend::kPostgres), \
                           ::backfill::testing::backend_param_name)

}  // namespace backfill::testing
