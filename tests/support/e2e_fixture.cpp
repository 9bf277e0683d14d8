#include "support/e2e_fixture.hpp"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>

namespace backfill::testing {

void BackfillE2E::SetUp() {
  database_ = std::make_unique<TestDatabase>(GetParam());
  api_url_ = github_.start();
  char dir[] = "/tmp/backfill-e2e.XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  workdir_ = dir;
}

void BackfillE2E::TearDown() {
  github_.stop();
  std::error_code ignored;
  std::filesystem::remove_all(workdir_, ignored);
}

std::map<std::string, std::string> BackfillE2E::env() const {
  std::map<std::string, std::string> environment = {{"DATABASE_URL", database_->url()},
                                                    {"GITHUB_API_URL", api_url_},
                                                    {"GITHUB_TOKEN", kTestToken},
                                                    {"HOME", workdir_},
                                                    {"PATH", "/usr/bin:/bin"}};
  // Under scripts/test.sh --sanitize the binary is instrumented too: it gets
  // the same sanitizer settings (exit code, suppressions) as the tests.
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name)) environment[name] = value;
  }
  return environment;
}

ProcessResult BackfillE2E::run(const std::vector<std::string>& args,
                               const std::map<std::string, std::string>& extra_env) {
  return start(args, extra_env)->wait();
}

std::unique_ptr<ChildProcess> BackfillE2E::start(
    const std::vector<std::string>& args, const std::map<std::string, std::string>& extra_env) {
  auto environment = env();
  for (const auto& [k, v] : extra_env) environment[k] = v;
  return std::make_unique<ChildProcess>(BACKFILL_BINARY, args, environment);
}

namespace {
std::string repo_filter(const std::string& repo) {
  auto slash = repo.find('/');
  return "lower(r.owner) = lower('" + repo.substr(0, slash) + "') AND lower(r.name) = lower('" +
         repo.substr(slash + 1) + "')";
}
}  // namespace

std::vector<std::int64_t> BackfillE2E::stored_numbers(const std::string& repo) {
  return query_ints(db(),
                    "SELECT p.number FROM pull_requests p JOIN repositories r ON r.id = "
                    "p.repository_id WHERE " +
                        repo_filter(repo) + " ORDER BY p.number");
}

std::int64_t BackfillE2E::stored_rows(const std::string& repo) {
  return query_int(db(),
                   "SELECT count(*) FROM pull_requests p JOIN repositories r ON r.id = "
                   "p.repository_id WHERE " +
                       repo_filter(repo));
}

std::optional<std::string> BackfillE2E::progress(const std::string& repo,
                                                 const std::string& column) {
  return query_value(db(), "SELECT b." + column +
                               " FROM backfill_progress b JOIN repositories r ON "
                               "r.id = b.repository_id WHERE " +
                               repo_filter(repo));
}

void BackfillE2E::expect_exact_copy(const std::string& repo,
                                    const std::vector<std::int64_t>& also) {
  std::vector<std::int64_t> expected = github_.pull_numbers(repo);
  expected.insert(expected.end(), also.begin(), also.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(stored_numbers(repo), expected);
  EXPECT_EQ(query_int(db(), "SELECT count(DISTINCT github_id) FROM pull_requests"),
            query_int(db(), "SELECT count(*) FROM pull_requests"));
  EXPECT_EQ(std::stoll(progress(repo, "total_processed").value()), stored_rows(repo));
}

std::size_t BackfillE2E::api_requests() const { return github_.requests().size(); }

std::string backend_param_name(const ::testing::TestParamInfo<store::Backend>& info) {
  return backend_name(info.param);
}

}  // namespace backfill::testing
