// The one session builder: its calls go through the runner (retries,
// backoff), its token is a secret from the start, and the dispatch it sends
// is retried after a server error.
#include "backfill/engine/github_session.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <nlohmann/json.hpp>

#include "backfill/core/redact.hpp"
#include "support/manual_clock.hpp"

namespace backfill::engine {
namespace {

// Answers from a script, in order, and remembers what was asked.
class ScriptTransport final : public github::HttpTransport {
 public:
  explicit ScriptTransport(std::deque<github::HttpResponse> replies) : replies_(std::move(replies)) {}
  github::HttpResponse perform(const github::HttpRequest& request) override {
    requests.push_back(request);
    if (replies_.empty()) return reply(500, "{\"message\":\"script exhausted\"}");
    auto next = std::move(replies_.front());
    replies_.pop_front();
    return next;
  }
  static github::HttpResponse reply(long status, std::string body) {
    github::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.add("content-type", "application/json; charset=utf-8");
    return r;
  }
  std::vector<github::HttpRequest> requests;

 private:
  std::deque<github::HttpResponse> replies_;
};

SessionSettings settings() {
  SessionSettings s;
  s.api_url = "https://api.github.test";
  s.token = "ghp_sessiontesttoken000000000000000000000";
  s.runner.policy.max_retries = 3;
  s.runner.policy.base_delay = std::chrono::milliseconds(100);
  return s;
}

TEST(GitHubSession, DispatchIsRetriedAfterAServerErrorAndSentOnce) {
  auto script = std::make_unique<ScriptTransport>(std::deque<github::HttpResponse>{
      ScriptTransport::reply(502, "{\"message\":\"Server Error\"}"), ScriptTransport::reply(204, "")});
  auto* transport = script.get();
  testing::ManualClock clock;
  CancelToken cancel;
  GitHubSession session(settings(), std::move(script), clock, cancel);

  session.dispatch(RepoName{"octo", "workflows"},
                   {{"event_type", "progressive-backfill"}, {"client_payload", {{"repository", "o/r"}}}});

  ASSERT_EQ(transport->requests.size(), 2u);
  for (const auto& r : transport->requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, "https://api.github.test/repos/octo/workflows/dispatches");
    EXPECT_EQ(nlohmann::json::parse(r.body)["event_type"], "progressive-backfill");
  }
  EXPECT_EQ(clock.waits().size(), 1u) << "one backoff between the two attempts";
}

TEST(GitHubSession, FatalRepliesToWritesAreNotRetried) {
  auto script = std::make_unique<ScriptTransport>(std::deque<github::HttpResponse>{
      ScriptTransport::reply(404, "{\"message\":\"Not Found\"}")});
  auto* transport = script.get();
  testing::ManualClock clock;
  CancelToken cancel;
  GitHubSession session(settings(), std::move(script), clock, cancel);
  EXPECT_THROW(session.call("open issue", "POST", "/repos/o/r/issues", "{}"), github::GitHubError);
  EXPECT_EQ(transport->requests.size(), 1u);
}

TEST(GitHubSession, TheTokenIsASecretBeforeTheFirstRequest) {
  testing::ManualClock clock;
  CancelToken cancel;
  GitHubSession session(settings(), std::make_unique<ScriptTransport>(std::deque<github::HttpResponse>{}),
                        clock, cancel);
  EXPECT_EQ(redact("token ghp_sessiontesttoken000000000000000000000 leaked"), "token *** leaked");
}

}  // namespace
}  // namespace backfill::engine
