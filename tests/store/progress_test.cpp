// Repositories, the run lifecycle (begin_run / finish_run) and what
// backfills() and the active_backfills view report.
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
constexpr const char* kT4 = "2024-06-01T03:00:00Z";
constexpr const char* kT5 = "2024-06-01T04:00:00Z";
constexpr const char* kT6 = "2024-06-01T05:00:00Z";

class ProgressTest : public ::testing::TestWithParam<Backend> {
 protected:
  Store& store() { return *fresh_.store; }
  const std::string& url() const { return fresh_.database.url(); }

  // finish_run with only the status, the error and the time.
  void finish(const Repository& repo, Status status, std::optional<std::string> error,
              const std::string& now) {
    RunEnd end;
    end.status = status;
    end.error = std::move(error);
    end.now = now;
    store().finish_run(repo.id, end);
  }

  void write_chunk(const Repository& repo, std::int64_t first, std::int64_t last,
                   const std::string& cursor, const std::string& now) {
    ChunkWrite c{repo.id, {}, cursor, now, {}};
    for (auto n = first; n <= last; ++n) {
      auto pr = testing::sample_pull_request(n);
      pr.github_id += repo.github_id * 1'000'000;  // distinct across repositories
      c.pulls.push_back(pr);
    }
    store().upsert_chunk(c);
  }

  testing::FreshStore fresh_{GetParam()};
};

TEST_P(ProgressTest, RepositoriesAreFoundCaseInsensitivelyAndFollowRenames) {
  EXPECT_EQ(store().find_repository(RepoName{"octo", "repo"}), std::nullopt);
  const auto created = store().upsert_repository(7, RepoName{"Octo", "Repo"}, kT1);
  EXPECT_EQ(created.github_id, 7);
  EXPECT_EQ(created.name, (RepoName{"Octo", "Repo"}));
  EXPECT_EQ(created.id.size(), 36u);

  const auto found = store().find_repository(RepoName{"OCTO", "repo"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, created.id);
  EXPECT_EQ(found->name, (RepoName{"Octo", "Repo"}));

  // Renamed on GitHub: same GitHub id, same row, new name.
  const auto renamed = store().upsert_repository(7, RepoName{"new-owner", "new-name"}, kT2);
  EXPECT_EQ(renamed.id, created.id);
  EXPECT_EQ(store().find_repository(RepoName{"octo", "repo"}), std::nullopt);
  EXPECT_EQ(store().find_repository(RepoName{"New-Owner", "New-Name"})->id, created.id);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM repositories"), 1);

  // Another GitHub repository under a stored name is not silently merged.
  EXPECT_THROW(store().upsert_repository(8, RepoName{"new-owner", "NEW-NAME"}, kT3), FatalError);
  EXPECT_EQ(store().upsert_repository(8, RepoName{"other", "repo"}, kT3).github_id, 8);
}

TEST_P(ProgressTest, RunLifecycleSetsStatusTimesAndErrors) {
  const auto repo = store().upsert_repository(1, RepoName{"octo", "repo"}, kT1);
  EXPECT_EQ(store().load_progress(repo.id), std::nullopt);

  store().begin_run(repo.id, 120, false, kT1);
  auto p = store().load_progress(repo.id).value();
  EXPECT_EQ(p.repository_id, repo.id);
  EXPECT_EQ(p.status, Status::kInProgress);
  EXPECT_EQ(p.total_expected, 120);
  EXPECT_EQ(p.total_processed, 0);
  EXPECT_EQ(p.cursor, std::nullopt);
  EXPECT_EQ(p.started_at, kT1);
  EXPECT_EQ(p.updated_at, kT1);
  EXPECT_EQ(p.error_count, 0);

  write_chunk(repo, 1, 50, "cursor-1", kT1);
  finish(repo, Status::kFailed, "HTTP 502 from GitHub", kT2);
  p = store().load_progress(repo.id).value();
  EXPECT_EQ(p.status, Status::kFailed);
  EXPECT_EQ(p.last_error, "HTTP 502 from GitHub");
  EXPECT_EQ(p.error_count, 1);
  EXPECT_EQ(p.updated_at, kT2);
  EXPECT_EQ(p.completed_at, std::nullopt);
  EXPECT_EQ(p.cursor, "cursor-1");

  store().begin_run(repo.id, 130, false, kT3);  // resume: started_at stays, cursor stays
  p = store().load_progress(repo.id).value();
  EXPECT_EQ(p.status, Status::kInProgress);
  EXPECT_EQ(p.started_at, kT1);
  EXPECT_EQ(p.updated_at, kT3);
  EXPECT_EQ(p.total_expected, 130);
  EXPECT_EQ(p.total_processed, 50);
  EXPECT_EQ(p.cursor, "cursor-1");

  finish(repo, Status::kPaused, std::nullopt, kT4);
  p = store().load_progress(repo.id).value();
  EXPECT_EQ(p.status, Status::kPaused);
  EXPECT_EQ(p.error_count, 1);
  EXPECT_EQ(p.last_error, "HTTP 502 from GitHub");  // still the last error seen

  store().begin_run(repo.id, 130, false, kT4);
  finish(repo, Status::kFailed, "second failure", kT4);
  EXPECT_EQ(store().load_progress(repo.id)->error_count, 2);

  store().begin_run(repo.id, 130, false, kT5);
  finish(repo, Status::kCompleted, std::nullopt, kT5);
  p = store().load_progress(repo.id).value();
  EXPECT_EQ(p.status, Status::kCompleted);
  EXPECT_EQ(p.completed_at, kT5);
  EXPECT_EQ(p.last_error, std::nullopt);
  EXPECT_EQ(p.error_count, 2);

  store().begin_run(repo.id, 130, /*restart=*/true, kT6);
  p = store().load_progress(repo.id).value();
  EXPECT_EQ(p.status, Status::kInProgress);
  EXPECT_EQ(p.cursor, std::nullopt);
  EXPECT_EQ(p.completed_at, std::nullopt);
  EXPECT_EQ(p.started_at, kT1);
  EXPECT_EQ(p.total_processed, 50);
}

TEST_P(ProgressTest, RunCannotFinishAsPendingOrInProgress) {
  const auto repo = store().upsert_repository(1, RepoName{"octo", "repo"}, kT1);
  store().begin_run(repo.id, 10, false, kT1);
  EXPECT_THROW(finish(repo, Status::kInProgress, std::nullopt, kT2), std::invalid_argument);
  EXPECT_THROW(finish(repo, Status::kPending, std::nullopt, kT2), std::invalid_argument);
  EXPECT_EQ(store().load_progress(repo.id)->status, Status::kInProgress);
}

TEST_P(ProgressTest, ResumeAfterIsStoredAsGivenAndClearedByTheNextRun) {
  const auto repo = store().upsert_repository(1, RepoName{"octo", "repo"}, kT1);
  store().begin_run(repo.id, 10, false, kT1);
  EXPECT_EQ(store().load_progress(repo.id)->resume_after, std::nullopt);

  RunEnd paused;
  paused.status = Status::kPaused;
  paused.error = "rate limit exhausted";
  paused.resume_after = kT3;
  paused.now = kT2;
  store().finish_run(repo.id, paused);
  EXPECT_EQ(store().load_progress(repo.id)->resume_after, kT3);
  const auto listed = store().backfills(std::nullopt, false);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].resume_after, kT3);
  EXPECT_EQ(store().backfills(RepoName{"octo", "repo"}, true).at(0).resume_after, kT3);
  const auto view_resume_after =
      testing::query_value(url(), "SELECT " + testing::iso_column(GetParam(), "resume_after") +
                                      " FROM active_backfills");
  EXPECT_EQ(view_resume_after, kT3);

  // The next run is no longer waiting.
  store().begin_run(repo.id, 10, false, kT3);
  EXPECT_EQ(store().load_progress(repo.id)->resume_after, std::nullopt);
  EXPECT_EQ(store().backfills(std::nullopt, false).at(0).resume_after, std::nullopt);

  // A finish without one clears it, whatever the status.
  store().finish_run(repo.id, paused);
  EXPECT_EQ(store().load_progress(repo.id)->resume_after, kT3);
  finish(repo, Status::kFailed, "HTTP 500", kT4);
  EXPECT_EQ(store().load_progress(repo.id)->resume_after, std::nullopt);
}

TEST_P(ProgressTest, TotalExpectedIsReplacedOnFinishOnlyWhenGiven) {
  const auto repo = store().upsert_repository(1, RepoName{"octo", "repo"}, kT1);
  store().begin_run(repo.id, 100, false, kT1);
  finish(repo, Status::kPaused, std::nullopt, kT2);
  EXPECT_EQ(store().load_progress(repo.id)->total_expected, 100);

  // The listing's end gave the exact count, which the estimate made at the
  // start of the run (PRs opened or deleted since) may have missed.
  store().begin_run(repo.id, 100, false, kT3);
  RunEnd completed;
  completed.status = Status::kCompleted;
  completed.total_expected = 97;
  completed.now = kT4;
  store().finish_run(repo.id, completed);
  const auto p = store().load_progress(repo.id).value();
  EXPECT_EQ(p.total_expected, 97);
  EXPECT_EQ(p.status, Status::kCompleted);
  EXPECT_EQ(p.completed_at, kT4);
  EXPECT_EQ(store().backfills(RepoName{"octo", "repo"}, true).at(0).total_expected, 97);

  // Also for a repository whose first recorded event is its end.
  const auto other = store().upsert_repository(2, RepoName{"octo", "other"}, kT1);
  completed.total_expected = 3;
  store().finish_run(other.id, completed);
  EXPECT_EQ(store().load_progress(other.id)->total_expected, 3);
}

TEST_P(ProgressTest, ActiveBackfillsListOnlyRunsInProgress) {
  const auto alpha = store().upsert_repository(1, RepoName{"octo", "Alpha"}, kT1);
  const auto beta = store().upsert_repository(2, RepoName{"octo", "beta"}, kT1);
  const auto idle = store().upsert_repository(3, RepoName{"octo", "idle"}, kT1);
  (void)idle;  // never backfilled: no progress row, listed nowhere
  store().begin_run(alpha.id, 200, false, kT1);
  write_chunk(alpha, 1, 20, "a-20", kT2);
  store().begin_run(beta.id, 5, false, kT1);
  write_chunk(beta, 1, 5, "b-5", kT2);
  finish(beta, Status::kCompleted, std::nullopt, kT3);

  const auto active = store().backfills(std::nullopt, false);
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].repository, "octo/Alpha");
  EXPECT_EQ(active[0].status, Status::kInProgress);
  EXPECT_EQ(active[0].total_processed, 20);
  EXPECT_EQ(active[0].total_expected, 200);
  EXPECT_EQ(active[0].started_at, kT1);
  EXPECT_EQ(active[0].updated_at, kT2);

  const auto all = store().backfills(std::nullopt, true);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].repository, "octo/Alpha");
  EXPECT_EQ(all[1].repository, "octo/beta");
  EXPECT_EQ(all[1].status, Status::kCompleted);
  EXPECT_EQ(all[1].total_processed, 5);

  EXPECT_EQ(store().backfills(RepoName{"OCTO", "alpha"}, false).size(), 1u);
  EXPECT_TRUE(store().backfills(RepoName{"octo", "beta"}, false).empty());
  ASSERT_EQ(store().backfills(RepoName{"octo", "BETA"}, true).size(), 1u);

  // The view itself, as an operator would query it.
  const auto view =
      testing::query(url(),
                     "SELECT repository, total_processed, total_expected, status, percent_complete"
                     " FROM active_backfills");
  ASSERT_EQ(view.size(), 1u);
  EXPECT_EQ(view[0][0], "octo/Alpha");
  EXPECT_EQ(view[0][1], "20");
  EXPECT_EQ(view[0][2], "200");
  EXPECT_EQ(view[0][3], "in_progress");
  EXPECT_EQ(std::stod(view[0][4].value()), 10.0);

  // A paused backfill is unfinished: still active; a completed one is not.
  finish(alpha, Status::kPaused, std::string("time budget used"), kT3);
  const auto paused = store().backfills(std::nullopt, false);
  ASSERT_EQ(paused.size(), 1u);
  EXPECT_EQ(paused[0].status, Status::kPaused);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgressTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
