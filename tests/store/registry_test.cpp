// The registry (migration 0003): tracking, untracking, GitHub's recorded
// count, and the list of tracked repositories with their progress.
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

class RegistryTest : public ::testing::TestWithParam<Backend> {
 protected:
  Store& store() { return *fresh_.store; }
  const std::string& url() const { return fresh_.database.url(); }

  std::vector<std::string> tracked_names() {
    std::vector<std::string> out;
    for (const auto& t : store().tracked_repositories()) out.push_back(t.repository.name.full());
    return out;
  }

  std::optional<TrackedRepository> tracked(const std::string& full_name) {
    for (auto& t : store().tracked_repositories()) {
      if (t.repository.name.full() == full_name) return t;
    }
    return std::nullopt;
  }

  testing::FreshStore fresh_{GetParam()};
};

TEST_P(RegistryTest, TrackingStoresTheRepositoryItsCountAndWhen) {
  const auto outcome = store().track_repository(42, RepoName{"Octo", "Repo"}, 312, kT1);
  EXPECT_TRUE(outcome.newly_tracked);
  EXPECT_EQ(outcome.repository.github_id, 42);
  EXPECT_EQ(outcome.repository.name, (RepoName{"Octo", "Repo"}));
  EXPECT_EQ(store().find_repository(RepoName{"octo", "repo"})->id, outcome.repository.id);

  const auto t = tracked("Octo/Repo").value();
  EXPECT_EQ(t.repository.id, outcome.repository.id);
  EXPECT_EQ(t.tracked_at, kT1);
  EXPECT_EQ(t.github_pull_count, 312);
  EXPECT_EQ(t.github_count_checked_at, kT1);
  EXPECT_EQ(t.progress, std::nullopt);  // never started
}

TEST_P(RegistryTest, TrackingAgainKeepsTheFirstTimeAndRefreshesNameAndCount) {
  store().track_repository(42, RepoName{"octo", "repo"}, 312, kT1);
  // Renamed on GitHub in between: same GitHub id, same row.
  const auto again = store().track_repository(42, RepoName{"octo", "renamed"}, 320, kT2);
  EXPECT_FALSE(again.newly_tracked);
  EXPECT_EQ(tracked_names(), std::vector<std::string>{"octo/renamed"});
  const auto t = tracked("octo/renamed").value();
  EXPECT_EQ(t.tracked_at, kT1);
  EXPECT_EQ(t.github_pull_count, 320);
  EXPECT_EQ(t.github_count_checked_at, kT2);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM repositories"), 1);
}

TEST_P(RegistryTest, UpsertRepositoryNeverChangesTracking) {
  const auto plain = store().upsert_repository(1, RepoName{"octo", "plain"}, kT1);
  EXPECT_TRUE(tracked_names().empty());  // stored, but not tracked

  store().track_repository(2, RepoName{"octo", "tracked"}, 5, kT1);
  store().upsert_repository(2, RepoName{"octo", "tracked"}, kT2);  // as a run refreshes it
  EXPECT_EQ(tracked_names(), std::vector<std::string>{"octo/tracked"});
  EXPECT_EQ(tracked("octo/tracked")->tracked_at, kT1);
  EXPECT_EQ(tracked("octo/tracked")->github_pull_count, 5);
  EXPECT_EQ(store().find_repository(RepoName{"octo", "plain"})->id, plain.id);
}

TEST_P(RegistryTest, MarkTrackedIsWhatABackfillOfAnUntrackedRepositoryCalls) {
  const auto repo = store().upsert_repository(1, RepoName{"octo", "repo"}, kT1);
  EXPECT_TRUE(store().mark_tracked(repo.id, kT2));
  EXPECT_FALSE(store().mark_tracked(repo.id, kT3));  // already tracked: time kept
  const auto t = tracked("octo/repo").value();
  EXPECT_EQ(t.tracked_at, kT2);
  EXPECT_EQ(t.github_pull_count, std::nullopt);  // never counted
  EXPECT_EQ(t.github_count_checked_at, std::nullopt);
}

TEST_P(RegistryTest, UntrackingStopsSchedulingAndKeepsTheData) {
  const auto repo = store().track_repository(1, RepoName{"octo", "repo"}, 3, kT1).repository;
  store().begin_run(repo.id, 3, false, kT1);
  ChunkWrite chunk{repo.id,
                   {testing::sample_pull_request(1), testing::sample_pull_request(2)},
                   "cursor",
                   kT1,
                   {}};
  store().upsert_chunk(chunk);

  EXPECT_TRUE(store().untrack_repository(repo.id));
  EXPECT_FALSE(store().untrack_repository(repo.id));
  EXPECT_TRUE(tracked_names().empty());
  EXPECT_EQ(store().count_pulls(repo.id), 2);
  EXPECT_EQ(store().load_progress(repo.id)->total_processed, 2);
  EXPECT_EQ(store().find_repository(RepoName{"octo", "repo"})->id, repo.id);
  EXPECT_EQ(testing::query_value(url(), "SELECT tracked_at FROM repositories"), std::nullopt);

  // Tracked again later: a new tracked_at, the same row and data.
  EXPECT_TRUE(store().track_repository(1, RepoName{"octo", "repo"}, 4, kT3).newly_tracked);
  const auto t = tracked("octo/repo").value();
  EXPECT_EQ(t.tracked_at, kT3);
  EXPECT_EQ(t.progress->total_processed, 2);
}

TEST_P(RegistryTest, TrackedRepositoriesComeWithTheirProgressInNameOrder) {
  const auto b = store().track_repository(1, RepoName{"beta", "x"}, 10, kT1).repository;
  const auto a_upper = store().track_repository(2, RepoName{"Alpha", "y"}, 20, kT1).repository;
  store().track_repository(3, RepoName{"alpha", "z"}, 30, kT1);
  const auto untracked = store().upsert_repository(4, RepoName{"aardvark", "w"}, kT1);
  store().begin_run(untracked.id, 1, false, kT1);

  store().begin_run(b.id, 10, false, kT1);
  ChunkWrite chunk{b.id, {testing::sample_pull_request(7)}, "cursor-7", kT2, {}};
  store().upsert_chunk(chunk);
  RunEnd end;
  end.status = Status::kPaused;
  end.error = "rate limit";
  end.resume_after = kT3;
  end.now = kT2;
  store().finish_run(b.id, end);
  store().begin_run(a_upper.id, 20, false, kT1);
  end = RunEnd{};
  end.status = Status::kCompleted;
  end.total_expected = 20;
  end.now = kT3;
  store().finish_run(a_upper.id, end);

  EXPECT_EQ(tracked_names(), (std::vector<std::string>{"Alpha/y", "alpha/z", "beta/x"}));
  const auto list = store().tracked_repositories();
  const auto& alpha_y = list[0].progress.value();
  EXPECT_EQ(alpha_y.status, Status::kCompleted);
  EXPECT_EQ(alpha_y.completed_at, kT3);
  EXPECT_EQ(alpha_y.total_expected, 20);
  EXPECT_EQ(list[1].progress, std::nullopt);
  const auto& beta = list[2].progress.value();
  EXPECT_EQ(beta.repository_id, b.id);
  EXPECT_EQ(beta.status, Status::kPaused);
  EXPECT_EQ(beta.total_processed, 1);
  EXPECT_EQ(beta.cursor, "cursor-7");
  EXPECT_EQ(beta.last_error, "rate limit");
  EXPECT_EQ(beta.resume_after, kT3);
  EXPECT_EQ(beta.started_at, kT1);
  EXPECT_EQ(beta.updated_at, kT2);
  EXPECT_EQ(list[2].repository.github_id, 1);
}

TEST_P(RegistryTest, RecordingACountReplacesTheLastOne) {
  const auto repo = store().track_repository(1, RepoName{"octo", "repo"}, 3, kT1).repository;
  store().record_github_pull_count(repo.id, 1'250'000'000, kT2);
  const auto t = tracked("octo/repo").value();
  EXPECT_EQ(t.github_pull_count, 1'250'000'000);
  EXPECT_EQ(t.github_count_checked_at, kT2);
  EXPECT_EQ(t.tracked_at, kT1);
}

TEST_P(RegistryTest, TrackingANameStoredForAnotherRepositoryChangesNothing) {
  store().upsert_repository(7, RepoName{"octo", "repo"}, kT1);
  EXPECT_THROW(store().track_repository(8, RepoName{"OCTO", "repo"}, 5, kT2), FatalError);
  EXPECT_TRUE(tracked_names().empty());
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM repositories"), 1);
  EXPECT_EQ(testing::query_value(url(), "SELECT github_pull_count FROM repositories"),
            std::nullopt);
}

TEST_P(RegistryTest, NulCharactersInNamesAreStrippedAsUpsertDoes) {
  const auto outcome = store().track_repository(
      9, RepoName{std::string("oc\0to", 5), std::string("re\0po", 5)}, 1, kT1);
  EXPECT_EQ(outcome.repository.name, (RepoName{"octo", "repo"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
