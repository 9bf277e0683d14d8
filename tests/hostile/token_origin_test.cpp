// The token stays on the API's origin, over real HTTP: a next link to
// another host is refused before anything is sent there, a redirect to
// another host reaches it without the token, and redirect or link loops
// end with a clear error instead of spinning.
#include <gtest/gtest.h>

#include "backfill/github/client.hpp"
#include "hostile/hostile_run.hpp"
#include "support/db_probe.hpp"

namespace hostile {
namespace {

using backfill::engine::RunResult;
using backfill::github::ErrorKind;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TokenOrigin, ANextLinkToAnotherHostFailsTheRunAndSendsNothingThere) {
  HostileServer other;
  other.start();
  HostileServer server(Mode::kLinkElsewhere);
  server.elsewhere = other.url();
  server.start();
  HostileRun run(server);
  auto outcome = run.run(run.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_EQ(backfill::engine::exit_code_for(outcome.result), 1);
  EXPECT_TRUE(contains(outcome.reason, other.url() + "/repositories/777/pulls?")) << outcome.reason;
  EXPECT_EQ(outcome.retries, 0);
  EXPECT_TRUE(other.requests().empty());    // no request at all, so certainly no token
  EXPECT_TRUE(server.saw_authorization());  // the token did go where it belongs
  EXPECT_EQ(backfill::testing::query_int(run.db_url(), "SELECT count(*) FROM pull_requests"), 100);
}

TEST(TokenOrigin, ARedirectToAnotherHostArrivesWithoutTheToken) {
  HostileServer other;  // answers the redirected request like GitHub would
  other.start();
  HostileServer server(Mode::kRedirectElsewhere);
  server.elsewhere = other.url();
  server.start();
  HostileRun run(server);
  auto transport = backfill::github::make_curl_transport(run.options, run.cancel);
  backfill::github::GitHubClient client({server.url(), kToken, "t"}, *transport);
  auto info = client.get_repository(backfill::parse_repo_name("octo/hostile"));
  EXPECT_EQ(info.github_id, 777);  // the answer came from the other host...
  ASSERT_EQ(other.requests().size(), 1u);
  EXPECT_FALSE(other.saw_authorization());  // ...which never saw the token
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(server.saw_authorization());
}

TEST(TokenOrigin, ARedirectLoopEndsWithAClearErrorAndNoRetry) {
  HostileServer server(Mode::kRedirectLoop);
  server.start();
  HostileRun run(server);
  auto outcome = run.run(run.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason,
                       "more than 5 redirects from " + server.url() + "/repos/octo/hostile"))
      << outcome.reason;
  EXPECT_EQ(outcome.error_kind, ErrorKind::kRefused);
  EXPECT_EQ(server.requests().size(), 6u);  // one request and 5 redirects, never again
}

TEST(TokenOrigin, ANextLinkToItselfEndsTheRun) {
  HostileServer server(Mode::kLinkToItself);
  server.start();
  HostileRun run(server);
  auto outcome = run.run(run.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, "repeats a page")) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, server.url() + "/repositories/777/pulls?"))
      << outcome.reason;
  EXPECT_EQ(server.pulls_page_requests(2), 1u);
}

TEST(TokenOrigin, ANextLinkBackwardsEndsTheRun) {
  HostileServer server(Mode::kLinkBackwards);
  server.pulls = 1000;
  server.start();
  HostileRun run(server);
  auto outcome = run.run(run.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, "goes back from page 3 to page 1")) << outcome.reason;
  EXPECT_EQ(server.pulls_page_requests(1), 1u);
  EXPECT_EQ(backfill::testing::query_int(run.db_url(), "SELECT count(*) FROM pull_requests"), 300);
}

}  // namespace
}  // namespace hostile
