// Rate-limit headers that lie, over real HTTP and in virtual time: a reset
// in the past, absurd resets, a huge retry-after. The number of requests
// over the run's span of the injected clock stays small, no wait passes the
// one-hour cap, and the run pauses (exit 75) rather than loop or idle.
#include <gtest/gtest.h>

#include "hostile/hostile_run.hpp"
#include "support/db_probe.hpp"

namespace hostile {
namespace {

using backfill::engine::RunResult;
using std::chrono::seconds;

void expect_no_wait_over_an_hour(const HostileRun& run) {
  for (auto wait : run.clock.waits())
    EXPECT_LE(wait, std::chrono::hours(1) + std::chrono::minutes(1));
}

TEST(RateLimitLies, AResetInThePastNeverMakesATightLoop) {
  HostileServer server(Mode::kExhausted);
  HostileRun run(server);
  server.reset = [&run] { return std::to_string(run.epoch_now() - 3600); };
  server.start();
  const auto start = run.clock.now();
  auto outcome = run.run(run.params());
  ASSERT_EQ(outcome.result, RunResult::kPaused) << outcome.reason;
  // Over 3 minutes of the injected clock: 3 requests for page 2, no more.
  EXPECT_EQ(run.clock.now() - start, seconds(180));
  EXPECT_EQ(server.pulls_page_requests(2), 3u);
  EXPECT_EQ(server.requests().size(), 3u + 3u);  // repository, count, page 1, page 2 x3
  EXPECT_EQ(backfill::testing::query_value(run.db_url(), "SELECT status FROM backfill_progress"),
            "paused");
}

TEST(RateLimitLies, AbsurdResetsAreBoundedAndPause) {
  for (const std::string reset : {"7700000000", "9223372036854775807", "99999999999999999999",
                                  "-9223372036854775808", "-1"}) {
    HostileServer server(Mode::kExhausted);
    server.reset = [reset] { return reset; };
    server.start();
    HostileRun run(server);
    const auto start = run.clock.now();
    auto outcome = run.run(run.params());
    ASSERT_EQ(outcome.result, RunResult::kPaused) << reset << ": " << outcome.reason;
    EXPECT_LE(server.pulls_page_requests(2), 3u) << reset;
    EXPECT_LE(run.clock.now() - start, seconds(180)) << reset;
    expect_no_wait_over_an_hour(run);
    ASSERT_TRUE(outcome.resume_at) << reset;
    EXPECT_LE(*outcome.resume_at, run.clock.now() + std::chrono::hours(1)) << reset;
    EXPECT_TRUE(
        backfill::testing::query_value(run.db_url(), "SELECT resume_after FROM backfill_progress"))
        << reset;
  }
}

TEST(RateLimitLies, AHugeRetryAfterPausesInsteadOfWaiting) {
  HostileServer server(Mode::kSecondaryLimit);
  server.retry_after = "99999999999";
  server.start();
  HostileRun run(server);
  auto outcome = run.run(run.params());
  ASSERT_EQ(outcome.result, RunResult::kPaused) << outcome.reason;
  EXPECT_EQ(backfill::engine::exit_code_for(outcome.result), 75);
  EXPECT_TRUE(run.clock.waits().empty());
  EXPECT_EQ(server.pulls_page_requests(2), 1u);
  EXPECT_NE(outcome.reason.find("cap on any wait"), std::string::npos) << outcome.reason;
}

}  // namespace
}  // namespace hostile
