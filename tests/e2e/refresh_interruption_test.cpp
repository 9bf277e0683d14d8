// A refresh cut off by kill -9 is redone by the next one, exactly.
#include <signal.h>

#include <atomic>

#include "e2e/refresh_fixture.hpp"

namespace backfill::testing {
namespace {

class RefreshInterruption : public RefreshE2E {};

TEST_P(RefreshInterruption, KillNineDuringARefreshThenRerunIsExact) {
  const std::string repo = "octo/cut";
  github_.add_repository(repo, 140);
  backfill(repo);
  ASSERT_EQ(run({"refresh", "--repo", repo}).exit_code, 0);
  const auto watermark = refresh_state(repo, "watermark");
  github_.open_pulls(repo, 260);  // three pages to walk
  for (std::int64_t n : numbers_where(repo, "open")) github_.change_pull(repo, n, "close");

  std::atomic<pid_t> victim{0};
  github_.clear_requests();
  github_.on_request([&](std::size_t index, const fake_github::RecordedRequest&) {
    if (index != 3) return;  // page 3, after page 1's chunks were committed
    victim.wait(0);
    kill(victim.load(), SIGKILL);
  });
  auto child = start({"refresh", "--repo", repo, "--chunk-size", "25"});
  victim = child->pid();
  victim.notify_all();
  auto killed = child->wait();
  github_.on_request(nullptr);
  ASSERT_EQ(killed.signal, SIGKILL) << killed.err;
  // Part of the walk is stored; the refresh state is the last refresh's.
  EXPECT_GT(stored_rows(repo), 140);
  EXPECT_LT(stored_rows(repo), 400);
  EXPECT_EQ(refresh_state(repo, "watermark"), watermark);
  EXPECT_EQ(refresh_state(repo, "changed"), "0");

  auto rerun = run({"refresh", "--repo", repo});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  expect_equal_to_github(repo);
  // What the killed walk had not written yet counts as changed now.
  EXPECT_GT(std::stoll(refresh_state(repo, "changed").value()), 0);
  EXPECT_EQ(progress(repo, "status"), "completed");
}

BACKFILL_E2E_BACKENDS(RefreshInterruption);

}  // namespace
}  // namespace backfill::testing
