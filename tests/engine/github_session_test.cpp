// The one session builder: its calls go through the runner (retries,
// backoff), its token is a secret from the start, and the dispatch it sends
// is retried after a server error.
#include "backfill/engine/github_session.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backfill/core/redact.hpp"
#include "support/manual_clock.hpp"
#include "support/scripted_transport.hpp"

namespace backfill::engine {
namespace {

SessionSettings settings() {
  SessionSettings s;
  s.api_url = "https://api.github.test";
  s.token = "ghp_sessiontesttoken000000000000000000000";
  s.runner.policy.max_retries = 3;
  s.runner.policy.base_delay = std::chrono::milliseconds(100);
  return s;
}

TEST(GitHubSession, DispatchIsRetriedAfterAServerErrorAndSentOnce) {
  auto script = std::make_unique<testing::ScriptedTransport>();
  script->enqueue(testing::json_reply(502, R"({"message":"Server Error"})"));
  script->enqueue(testing::json_reply(204, ""));
  auto* transport = script.get();
  testing::ManualClock clock;
  CancelToken cancel;
  GitHubSession session(settings(), std::move(script), clock, cancel);

  session.dispatch(RepoName{"octo", "workflows"},
                   {{"event_type", "progressive-backfill"}, {"client_payload", {{"repository", "o/r"}}}});

  ASSERT_EQ(transport->request_count(), 2u);
  for (const auto& r : transport->requests()) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, "https://api.github.test/repos/octo/workflows/dispatches");
    EXPECT_EQ(nlohmann::json::parse(r.body)["event_type"], "progressive-backfill");
  }
  EXPECT_EQ(clock.waits().size(), 1u) << "one backoff between the two attempts";
}

TEST(GitHubSession, FatalRepliesToWritesAreNotRetried) {
  auto script = std::make_unique<testing::ScriptedTransport>();
  script->enqueue(testing::json_reply(404, R"({"message":"Not Found"})"));
  auto* transport = script.get();
  testing::ManualClock clock;
  CancelToken cancel;
  GitHubSession session(settings(), std::move(script), clock, cancel);
  EXPECT_THROW(session.call("open issue", "POST", "/repos/o/r/issues", "{}"), github::GitHubError);
  EXPECT_EQ(transport->request_count(), 1u);
}

TEST(GitHubSession, TheTokenIsASecretBeforeTheFirstRequest) {
  testing::ManualClock clock;
  CancelToken cancel;
  GitHubSession session(settings(), std::make_unique<testing::ScriptedTransport>(), clock, cancel);
  EXPECT_EQ(redact("token ghp_sessiontesttoken000000000000000000000 leaked"), "token *** leaked");
}

}  // namespace
}  // namespace backfill::engine
