// The one session builder: its calls go through the runner (retries,
// backoff), its token is a secret from the start, and the dispatch it sends
// is retried after a server error.
#include "backfill/engine/github_session.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backfill/core/redact.hpp"
#include "support/app_key.hpp"
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

  session.dispatch(RepoName{"octo", "workflows"}, {{"event_type", "progressive-backfill"},
                                                   {"client_payload", {{"repository", "o/r"}}}});

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

namespace backfill::engine {
namespace {

TEST(GitHubSession, AnAppSessionSendsInstallationTokensAndToldEachOne) {
  testing::ScratchTree dir;
  auto key = testing::generate_test_app_key(dir);
  auto script = std::make_unique<testing::ScriptedTransport>();
  script->enqueue(testing::json_reply(200, R"({"id":55,"account":{"login":"octo"}})"));
  script->enqueue(testing::json_reply(
      201,
      R"({"token":"ghs_sessiontest0000000000000000000000000","expires_at":"2031-01-01T00:00:00Z"})"));
  script->enqueue(testing::json_reply(200, R"({"id":9,"full_name":"octo/r"})"));
  auto* transport = script.get();
  testing::ManualClock clock;
  CancelToken cancel;
  SessionSettings s = settings();
  s.app = AppSettings{"77", key.private_pem, "GITHUB_APP_PRIVATE_KEY", std::nullopt, true};
  std::vector<std::string> told;
  s.on_secret = [&](const std::string& secret) { told.push_back(secret); };
  GitHubSession session(s, std::move(script), clock, cancel);

  EXPECT_EQ(session.repository(RepoName{"octo", "r"}).github_id, 9);
  EXPECT_EQ(session.installation_of(RepoName{"octo", "other"}), 55) << "cached per owner";
  ASSERT_EQ(transport->request_count(), 3u);
  const auto requests = transport->requests();
  EXPECT_EQ(
      nlohmann::json::parse(requests[1].body)["permissions"],
      nlohmann::json::parse(
          R"({"pull_requests":"read","metadata":"read","issues":"write","contents":"write"})"));
  EXPECT_EQ(testing::request_header(requests[2], "Authorization"),
            "Bearer ghs_sessiontest0000000000000000000000000");
  EXPECT_EQ(told, std::vector<std::string>{"ghs_sessiontest0000000000000000000000000"});
  EXPECT_EQ(redact("ghs_sessiontest0000000000000000000000000"), "***");
}

}  // namespace
}  // namespace backfill::engine
