// A body that never ends: the transport aborts it at the cap, memory stays
// bounded by the cap, and the run retries then fails saying why.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "backfill/github/client.hpp"
#include "hostile/hostile_run.hpp"
#include "support/db_probe.hpp"
#include "support/sanitizer_memory.hpp"

namespace hostile {
namespace {

using backfill::engine::RunResult;
constexpr std::size_t kMiB = std::size_t{1} << 20;

// This process's peak RSS (VmHWM), in KiB.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  ADD_FAILURE() << "no VmHWM in /proc/self/status";
  return 0;
}
// Resets the peak to the current RSS and returns it.
long reset_peak_rss_kib() {
  std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM (Linux 4.0+)
  return peak_rss_kib();
}

TEST(EndlessBody, IsCutAtTheCapWithMemoryBoundedByIt) {
  HostileServer server(Mode::kEndlessBody);
  server.start();
  HostileRun run(server);
  run.options.max_body_bytes = 8 * kMiB;
  auto transport = backfill::github::make_curl_transport(run.options, run.cancel);
  backfill::github::HttpRequest request;
  request.url = server.url() + "/repos/octo/hostile/pulls?per_page=100&page=1";

  const long before_kib = reset_peak_rss_kib();
  auto response = transport->perform(request);
  const long grown_kib = peak_rss_kib() - before_kib;

  EXPECT_EQ(response.failure, backfill::github::TransportFailure::kTooLarge);
  EXPECT_EQ(response.failure_message, "response body from " + request.url + " exceeded 8 MiB");
  // The server would have sent 256 MiB; the client hung up after 8.
  EXPECT_LT(server.endless_bytes_sent(), 64 * kMiB);
  // The body's buffer peaks at the cap (8 MiB, measured ~8.3 alone); what
  // the allocator kept from earlier tests may add some, never twice as much.
  EXPECT_LT(grown_kib, 16 * 1024 * backfill::testing::kPeakMemoryFactor)
      << "peak RSS grew by " << grown_kib << " KiB";
}

TEST(EndlessBody, TheRunRetriesItThenFailsSayingWhy) {
  HostileServer server(Mode::kEndlessBody);
  server.start();
  HostileRun run(server);
  run.options.max_body_bytes = 4 * kMiB;
  auto params = run.params();
  params.runner.policy.max_retries = 2;
  auto outcome = run.run(params);
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_EQ(backfill::engine::exit_code_for(outcome.result), 1);
  EXPECT_NE(
      outcome.reason.find("response body from " + server.url() + "/repos/octo/hostile/pulls?"),
      std::string::npos)
      << outcome.reason;
  EXPECT_NE(outcome.reason.find("exceeded 4 MiB"), std::string::npos) << outcome.reason;
  EXPECT_EQ(outcome.retries, 2);  // each oversized reply counts as a retry
  EXPECT_EQ(server.pulls_page_requests(1), 3u);
  EXPECT_NE(backfill::testing::query_value(run.db_url(), "SELECT last_error FROM backfill_progress")
                .value_or("")
                .find("exceeded 4 MiB"),
            std::string::npos);
}

}  // namespace
}  // namespace hostile
