#include "backfill/cli/progress_line.hpp"

#include <gtest/gtest.h>

using namespace backfill;

TEST(ProgressLine, ShowsDoneRateEtaAndBudget) {
  engine::ProgressSnapshot s;
  s.repo = {"octo", "repo"};
  s.total_processed = 25'000;
  s.total_expected = 100'000;
  s.stored_this_run = 20'000;
  s.elapsed = std::chrono::seconds(10);
  s.rate.limit = 5000;
  s.rate.remaining = 4800;
  EXPECT_EQ(cli::progress_line(s),
            "octo/repo: 25,000/100,000 PRs (25.0%) · 2,000 PRs/s · ETA 37s · budget 4,800/5,000");
}

TEST(ProgressLine, NothingYetMeansNoRate) {
  engine::ProgressSnapshot s;
  s.repo = {"octo", "repo"};
  s.total_expected = 10;
  EXPECT_EQ(cli::progress_line(s), "octo/repo: 0/10 PRs (0.0%)");
}
