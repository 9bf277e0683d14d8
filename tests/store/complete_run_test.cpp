// complete_run: the completion and GitHub's count in ONE transaction.
#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr const char* kT1 = "2024-06-01T00:00:00Z";
constexpr const char* kT2 = "2024-06-01T01:00:00Z";
constexpr const char* kT3 = "2024-06-01T02:00:00Z";

class CompleteRunTest : public ::testing::TestWithParam<Backend> {
 protected:
  CompleteRunTest() {
    repo_ = store().track_repository(7, RepoName{"octo", "repo"}, 100, kT1).repository;
    store().begin_run(repo_.id, 100, false, kT1);
    RunEnd failed;
    failed.status = Status::kFailed;
    failed.error = "HTTP 502";
    failed.now = kT1;
    store().finish_run(repo_.id, failed);
    store().begin_run(repo_.id, 100, false, kT2);
  }

  Store& store() { return *fresh_.store; }
  const std::string& url() const { return fresh_.database.url(); }
  std::optional<std::string> repository_column(const std::string& column) {
    return testing::query_value(url(), "SELECT " + column + " FROM repositories");
  }

  testing::FreshStore fresh_{GetParam()};
  Repository repo_;
};

TEST_P(CompleteRunTest, WritesTheCompletionAndGithubsCountTogether) {
  store().complete_run(repo_.id, 97, kT3);
  const auto p = store().load_progress(repo_.id).value();
  EXPECT_EQ(p.status, Status::kCompleted);
  EXPECT_EQ(p.completed_at, kT3);
  EXPECT_EQ(p.updated_at, kT3);
  EXPECT_EQ(p.last_error, std::nullopt);
  EXPECT_EQ(p.error_count, 1);
  EXPECT_EQ(p.total_expected, 97);
  EXPECT_EQ(repository_column("github_pull_count"), "97");
  EXPECT_EQ(repository_column(testing::iso_column(GetParam(), "github_count_checked_at")), kT3);
}

TEST_P(CompleteRunTest, ACompletionThatCannotWriteTheCountWritesNothing) {
  // The database refuses the count: the completion must not commit alone.
  if (GetParam() == Backend::kSqlite) {
    testing::execute(url(),
                     "CREATE TRIGGER refuse_count BEFORE UPDATE OF github_pull_count"
                     " ON repositories BEGIN SELECT RAISE(ABORT, 'count refused'); END");
  } else {
    testing::execute(url(),
                     "CREATE FUNCTION refuse_count() RETURNS trigger LANGUAGE plpgsql AS"
                     " $$ BEGIN RAISE EXCEPTION 'count refused'; END $$;"
                     "CREATE TRIGGER refuse_count BEFORE UPDATE OF github_pull_count"
                     " ON repositories FOR EACH ROW EXECUTE FUNCTION refuse_count()");
  }
  EXPECT_THROW(store().complete_run(repo_.id, 97, kT3), FatalError);
  const auto p = store().load_progress(repo_.id).value();
  EXPECT_EQ(p.status, Status::kInProgress);
  EXPECT_EQ(p.completed_at, std::nullopt);
  EXPECT_EQ(p.last_error, "HTTP 502");
  EXPECT_EQ(p.total_expected, 100);
  EXPECT_EQ(repository_column("github_pull_count"), "100");
}

INSTANTIATE_TEST_SUITE_P(Backends, CompleteRunTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace backfill::store
