// The real binary against the hostile server, with real databases: the
// token stays home when a next link points elsewhere (exit 1, the URL
// named), an endless body ends at the 64 MiB cap with memory to match, and
// an absurd retry-after pauses the run (exit 75) rather than waiting.
#include <gtest/gtest.h>

#include "hostile/hostile_server.hpp"
#include "support/e2e_fixture.hpp"
#include "support/sanitizer_memory.hpp"

namespace backfill::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class HostileBinary : public BackfillE2E {
 protected:
  // Points the binary at `server` instead of the faithful fake.
  ProcessResult run_against(const hostile::HostileServer& server,
                            std::vector<std::string> extra_args = {}) {
    api_url_ = server.url();
    std::vector<std::string> args = {"--repo", server.full_name, "--backoff-base-ms", "1"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    return run(args);
  }
};

TEST_P(HostileBinary, ANextLinkToAnotherHostFailsNamingTheUrlAndTheTokenStaysHome) {
  hostile::HostileServer other;
  other.start();
  hostile::HostileServer server(hostile::Mode::kLinkElsewhere);
  server.elsewhere = other.url();
  server.start();
  auto result = run_against(server);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const std::string foreign = other.url() + "/repositories/777/pulls?";
  EXPECT_TRUE(contains(result.err, foreign)) << result.err;
  EXPECT_TRUE(contains(result.out, foreign)) << result.out;  // the result line's reason
  EXPECT_TRUE(other.requests().empty());
  EXPECT_TRUE(server.saw_authorization());
  EXPECT_FALSE(contains(result.out + result.err, kTestToken));
  EXPECT_EQ(progress("octo/hostile", "status"), "failed");
  EXPECT_TRUE(contains(progress("octo/hostile", "last_error").value_or(""), foreign));
  EXPECT_EQ(stored_rows("octo/hostile"), 100);
}

TEST_P(HostileBinary, AnEndlessBodyEndsAtTheCapWithBoundedMemory) {
  // What the binary needs for a small ordinary run, to compare with.
  hostile::HostileServer ordinary;
  ordinary.full_name = "octo/ordinary";
  ordinary.start();
  auto baseline = run_against(ordinary);
  ASSERT_EQ(baseline.exit_code, 0) << baseline.err;

  hostile::HostileServer server(hostile::Mode::kEndlessBody);
  server.start();
  auto result = run_against(server, {"--max-retries", "0"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_TRUE(
      contains(result.err, "response body from " + server.url() + "/repos/octo/hostile/pulls?"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "exceeded 64 MiB")) << result.err;
  // The server would have sent 256 MiB; memory grew by the 64 MiB cap (and
  // a little slack), not by what was sent.
  EXPECT_LT(server.endless_bytes_sent(), std::size_t{160} << 20);
  const long grown_mib = (result.max_rss_kib - baseline.max_rss_kib) / 1024;
  EXPECT_LT(grown_mib, (64 + 16) * kPeakMemoryFactor)
      << "peak RSS " << result.max_rss_kib / 1024 << " MiB, baseline "
      << baseline.max_rss_kib / 1024 << " MiB";
  EXPECT_EQ(progress("octo/hostile", "status"), "failed");
}

TEST_P(HostileBinary, AHugeRetryAfterPausesTheRunInsteadOfWaiting) {
  hostile::HostileServer server(hostile::Mode::kSecondaryLimit);
  server.retry_after = "86400";  // a day
  server.start();
  auto result = run_against(server);
  EXPECT_EQ(result.exit_code, 75) << result.err;
  EXPECT_TRUE(contains(result.err, "cap on any wait")) << result.err;
  EXPECT_EQ(progress("octo/hostile", "status"), "paused");
  EXPECT_TRUE(progress("octo/hostile", "resume_after").has_value());
  EXPECT_EQ(server.pulls_page_requests(2), 1u);
}

BACKFILL_E2E_BACKENDS(HostileBinary);

}  // namespace
}  // namespace backfill::testing
