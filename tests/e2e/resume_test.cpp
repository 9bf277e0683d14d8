// Stopping and resuming: the cursor, reruns, and a repository that changes
// on GitHub between runs.
#include <nlohmann/json.hpp>

#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class Resume : public BackfillE2E {};

TEST_P(Resume, StopAfterChunksThenResumeRefetchingAtMostOnePage) {
  github_.add_repository("octo/r", 250);
  auto first = run({"--repo", "octo/r", "--chunk-size", "30", "--max-chunks", "3"});
  ASSERT_EQ(first.exit_code, 75) << first.err;
  EXPECT_EQ(stored_rows("octo/r"), 90);
  EXPECT_EQ(progress("octo/r", "status"), "paused");
  EXPECT_EQ(progress("octo/r", "total_processed"), "90");
  EXPECT_EQ(stored_numbers("octo/r").back(), 90);

  github_.clear_requests();
  auto second = run({"--repo", "octo/r", "--chunk-size", "30"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  expect_exact_copy("octo/r");
  EXPECT_EQ(progress("octo/r", "status"), "completed");
  // count + page 1 (again, holding #90) + pages 2 and 3: no repository lookup.
  EXPECT_EQ(api_requests(), 4u);
}

TEST_P(Resume, EachRunAdvancesTheCursor) {
  github_.add_repository("octo/steps", 230);
  std::vector<std::int64_t> stored_after;
  std::vector<int> exit_codes;
  for (int i = 0; i < 6; ++i) {
    auto r = run({"--repo", "octo/steps", "--chunk-size", "25", "--max-chunks", "2"});
    exit_codes.push_back(r.exit_code);
    stored_after.push_back(stored_rows("octo/steps"));
  }
  EXPECT_EQ(stored_after, (std::vector<std::int64_t>{50, 100, 150, 200, 230, 230}));
  // The fifth run reaches the end of the listing within its two chunks.
  EXPECT_EQ(exit_codes, (std::vector<int>{75, 75, 75, 75, 0, 0}));
  expect_exact_copy("octo/steps");
}

TEST_P(Resume, CompletedRepositoryRerunIsARefreshThatPicksUpNewPulls) {
  github_.add_repository("octo/done", 230);
  ASSERT_EQ(run({"--repo", "octo/done"}).exit_code, 0);
  github_.clear_requests();
  auto again = run({"--repo", "octo/done"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(api_requests(), 1u);  // the first page by update: nothing newer than the backfill
  EXPECT_EQ(nlohmann::json::parse(again.out)["stored_this_run"], 0);
  github_.clear_requests();
  ASSERT_EQ(run({"--repo", "octo/done"}).exit_code, 0);
  ASSERT_EQ(api_requests(), 1u);
  EXPECT_EQ(github_.requests()[0].status, 304);  // and now not even that costs a point

  github_.open_pulls("octo/done", 5);
  auto with_new = run({"--repo", "octo/done"});
  ASSERT_EQ(with_new.exit_code, 0) << with_new.err;
  expect_exact_copy("octo/done");
  EXPECT_EQ(stored_rows("octo/done"), 235);
  EXPECT_EQ(progress("octo/done", "total_expected"), "235");
}

TEST_P(Resume, PullsCreatedAndDeletedBetweenRunsAreNeitherSkippedNorDuplicated) {
  github_.add_repository("octo/churn", 250);
  ASSERT_EQ(run({"--repo", "octo/churn", "--max-chunks", "3"}).exit_code, 75);
  ASSERT_EQ(stored_rows("octo/churn"), 150);
  // Deleted: before the cursor (10, 20), the cursor's own PR (150), and one
  // not yet stored (160). Created: 30 new ones at the end.
  for (std::int64_t n : {10, 20, 150, 160}) github_.delete_pull("octo/churn", n);
  github_.create_pulls("octo/churn", 30);
  auto r = run({"--repo", "octo/churn"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 10, 20 and 150 were stored before their deletion and stay stored.
  expect_exact_copy("octo/churn", {10, 20, 150});
  EXPECT_EQ(stored_rows("octo/churn"), 250 - 1 + 30);
}

TEST_P(Resume, ManyDeletionsMakeTheRunStepBackAPage) {
  github_.add_repository("octo/shrink", 400);
  ASSERT_EQ(run({"--repo", "octo/shrink", "--max-chunks", "5"}).exit_code, 75);  // #1..#250
  // 130 deletions before the cursor move #251 from page 3 to page 2.
  for (std::int64_t n = 1; n <= 130; ++n) github_.delete_pull("octo/shrink", n);
  auto r = run({"--repo", "octo/shrink"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::int64_t> deleted_but_stored;
  for (std::int64_t n = 1; n <= 130; ++n) deleted_but_stored.push_back(n);
  expect_exact_copy("octo/shrink", deleted_but_stored);
}

TEST_P(Resume, RestartForgetsTheCursorButKeepsRows) {
  github_.add_repository("octo/again", 120);
  ASSERT_EQ(run({"--repo", "octo/again"}).exit_code, 0);
  github_.clear_requests();
  auto r = run({"--repo", "octo/again", "--restart"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_exact_copy("octo/again");
  EXPECT_EQ(nlohmann::json::parse(r.out)["stored_this_run"], 120);
  EXPECT_EQ(api_requests(), 3u);  // count + both pages from the first
}

TEST_P(Resume, RenamedRepositoryIsFollowed) {
  github_.add_repository("octo/old-name", 130);
  ASSERT_EQ(run({"--repo", "octo/old-name", "--max-chunks", "1"}).exit_code, 75);
  github_.rename_repository("octo/old-name", "octo/new-name");
  auto r = run({"--repo", "octo/old-name"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stored_rows("octo/old-name"), 130);
}

BACKFILL_E2E_BACKENDS(Resume);

}  // namespace
}  // namespace backfill::testing
