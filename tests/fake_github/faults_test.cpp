// Each injected fault as a plain client sees it: httplib's client for what
// parses, a bare socket for what is on the wire (reset, short body).
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "fake_github/fake_github.hpp"
#include "fake_github/fault_policies.hpp"
#include "fake_github/http_get.hpp"
#include "fake_github/raw_http.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;

// Answers every request with the one fault under test.
class Always : public FaultPolicy {
 public:
  explicit Always(Fault fault) : fault_(fault) {}
  Fault choose(std::size_t, const RecordedRequest&) override { return fault_; }

 private:
  Fault fault_;
};

class Faults : public ::testing::Test {
 protected:
  void SetUp() override {
    server.add_repository("octo/widgets", 30);
    base = server.start();
  }
  void inject(Fault fault) { server.set_fault_policy(std::make_shared<Always>(fault)); }
  FakeGitHub server;
  std::string base;
};

TEST_F(Faults, ServerErrorsAnswerGitHubsJsonAndReportTheBudgetWithoutSpendingIt) {
  const struct {
    Fault fault;
    int status;
    const char* message;
  } cases[] = {{Fault::kServerError500, 500, "Server Error"},
               {Fault::kServiceUnavailable503, 503, "Service Unavailable"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    server.clear_requests();
    inject(c.fault);
    const auto reply = get(base, "/repos/octo/widgets/pulls", "token spender");
    EXPECT_EQ(reply.status, c.status);
    EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(reply.json(), (json{{"message", c.message},
                                  {"documentation_url", "https://docs.github.com/rest"},
                                  {"status", std::to_string(c.status)}}));
    EXPECT_EQ(reply.header("x-ratelimit-remaining"), "5000");
    EXPECT_FALSE(reply.header("x-github-request-id").empty());
    const auto log = server.requests();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].status, c.status);
    EXPECT_EQ(log[0].fault, fault_name(c.fault));
  }
}

TEST_F(Faults, BadGatewayIsGitHubsHtmlUnicornPageWithoutApiHeaders) {
  inject(Fault::kBadGateway502);
  const auto reply = get(base, "/repos/octo/widgets/pulls", "token t");
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(reply.header("content-type").rfind("text/html", 0), 0u) << reply.header("content-type");
  EXPECT_EQ(reply.body.rfind("<!DOCTYPE html>\n<html>", 0), 0u);
  EXPECT_NE(reply.body.find("<title>Unicorn! &middot; GitHub</title>"), std::string::npos);
  EXPECT_NE(reply.body.find("</html>"), std::string::npos);
  EXPECT_THROW((void)reply.json(), json::parse_error);
  EXPECT_FALSE(reply.has_header("x-ratelimit-remaining"));
  EXPECT_FALSE(reply.header("x-github-request-id").empty());
  EXPECT_EQ(server.requests().at(0).status, 502);
}

TEST_F(Faults, HtmlErrorPageIsA200ThatIsNotJson) {
  inject(Fault::kHtmlErrorPage);
  const auto reply = get(base, "/repos/octo/widgets", "token t");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("content-type"), "text/html");
  EXPECT_EQ(reply.body.rfind("<html>", 0), 0u);
  EXPECT_THROW((void)reply.json(), json::parse_error);
  EXPECT_FALSE(reply.has_header("x-ratelimit-limit"));
  EXPECT_FALSE(reply.has_header("x-github-request-id"));
}

json secondary_body(const std::string& request_id, const std::string& status) {
  return {{"message",
           "You have exceeded a secondary rate limit. Please wait a few minutes before you try "
           "again. If you reach out to GitHub Support for help, please include the request ID " +
               request_id + "."},
          {"documentation_url",
           "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api"
           "#about-secondary-rate-limits"},
          {"status", status}};
}

TEST_F(Faults, SecondaryLimitIs403WithRetryAfterAndPrimaryRequestsLeft) {
  get(base, "/repos/octo/widgets", "token t");  // spends one: remaining 4999
  inject(Fault::kSecondaryLimit403);
  const auto reply = get(base, "/repos/octo/widgets/pulls", "token t");
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.header("retry-after"), "60");
  EXPECT_EQ(reply.json(), secondary_body(reply.header("x-github-request-id"), "403"));
  EXPECT_EQ(reply.header("x-ratelimit-limit"), "5000");
  EXPECT_EQ(reply.header("x-ratelimit-remaining"), "4999");
  EXPECT_FALSE(reply.header("x-ratelimit-reset").empty());

  server.set_secondary_retry_after(17);
  EXPECT_EQ(get(base, "/repos/octo/widgets/pulls", "token t").header("retry-after"), "17");
}

TEST_F(Faults, SecondaryLimitWithoutRetryAfterAndAs429) {
  inject(Fault::kSecondaryLimit403NoRetryAfter);
  const auto bare = get(base, "/repos/octo/widgets/pulls", "token t");
  EXPECT_EQ(bare.status, 403);
  EXPECT_FALSE(bare.has_header("retry-after"));
  EXPECT_EQ(bare.json(), secondary_body(bare.header("x-github-request-id"), "403"));
  EXPECT_EQ(bare.header("x-ratelimit-remaining"), "5000");

  inject(Fault::kSecondaryLimit429);
  const auto too_many = get(base, "/repos/octo/widgets/pulls", "token t");
  EXPECT_EQ(too_many.status, 429);
  EXPECT_EQ(too_many.header("retry-after"), "60");
  EXPECT_EQ(too_many.json(), secondary_body(too_many.header("x-github-request-id"), "429"));
}

TEST_F(Faults, AnExhaustedPrimaryBudgetAnswersThePrimary403EvenWhenASecondaryIsInjected) {
  server.exhaust_budget_after(0, 1'900'000'000);
  inject(Fault::kSecondaryLimit403);
  const auto reply = get(base, "/repos/octo/widgets/pulls", "token t");
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.header("x-ratelimit-remaining"), "0");
  EXPECT_FALSE(reply.has_header("retry-after"));
  EXPECT_EQ(reply.json()["message"].get<std::string>().rfind("API rate limit exceeded", 0), 0u);
}

TEST_F(Faults, ConnectionResetSendsNoResponseAtAll) {
  inject(Fault::kConnectionReset);
  const raw_http::Exchange exchange = raw_http::get(base, "/repos/octo/widgets/pulls");
  EXPECT_EQ(exchange.received.size(), 0u) << exchange.received;
  EXPECT_TRUE(exchange.reset) << "expected a TCP reset, got a clean EOF";

  httplib::Client client(base);
  const httplib::Result result = client.Get("/repos/octo/widgets/pulls");
  EXPECT_FALSE(result);

  const auto log = server.requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].status, 0);
  EXPECT_EQ(log[0].fault, "reset");

  server.set_fault_policy(nullptr);  // the server itself is unharmed
  EXPECT_EQ(get(base, "/repos/octo/widgets/pulls").status, 200);
}

TEST_F(Faults, TruncatedBodySendsTheRealHeadersAndHalfTheBodyThenCloses) {
  const raw_http::Exchange whole =
      raw_http::get(base, "/repos/octo/widgets/pulls?state=all&per_page=10");
  ASSERT_EQ(whole.status(), 200);
  inject(Fault::kTruncatedBody);
  const raw_http::Exchange cut =
      raw_http::get(base, "/repos/octo/widgets/pulls?state=all&per_page=10");

  EXPECT_EQ(cut.status(), 200);
  EXPECT_EQ(cut.header("content-type"), "application/json; charset=utf-8");
  EXPECT_TRUE(cut.header("x-ratelimit-remaining").has_value());
  EXPECT_TRUE(cut.header("link").has_value());
  ASSERT_TRUE(cut.header("content-length").has_value());
  const std::size_t announced = std::stoul(*cut.header("content-length"));
  EXPECT_EQ(announced, whole.body().size());
  EXPECT_LT(cut.body().size(), announced);
  EXPECT_EQ(cut.body().size(), announced / 2);
  EXPECT_EQ(cut.body(), whole.body().substr(0, announced / 2));

  httplib::Client client(base);
  EXPECT_FALSE(client.Get("/repos/octo/widgets/pulls"));
  EXPECT_EQ(server.requests().at(1).status, 200);  // the status line did go out
  EXPECT_EQ(server.requests().at(1).fault, "truncated");
}

TEST_F(Faults, SlowReplyOutlastsAShortClientTimeout) {
  server.set_slow_reply_hold(std::chrono::seconds(30));
  inject(Fault::kSlowReply);
  httplib::Client client(base);
  client.set_read_timeout(0, 200'000);  // 200 ms
  const httplib::Result result = client.Get("/repos/octo/widgets");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), httplib::Error::Read);
}

TEST_F(Faults, SlowReplyIsAnsweredNormallyOnceTheHoldIsOver) {
  server.set_slow_reply_hold(std::chrono::milliseconds(150));
  inject(Fault::kSlowReply);
  const auto start = std::chrono::steady_clock::now();
  const auto reply = get(base, "/repos/octo/widgets", "token t");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json()["full_name"], "octo/widgets");
  EXPECT_EQ(server.requests().at(0).status, 200);
}

TEST_F(Faults, StopReturnsPromptlyWhileAReplyIsHeld) {
  server.set_slow_reply_hold(std::chrono::minutes(10));
  inject(Fault::kSlowReply);
  std::promise<void> arrived;
  server.on_request([&](std::size_t, const RecordedRequest&) { arrived.set_value(); });
  auto client = std::async(std::launch::async, [this] {
    httplib::Client c(base);
    return static_cast<bool>(c.Get("/repos/octo/widgets"));
  });
  // The hook runs before the fault, so the worker is in (or about to enter)
  // the hold; a hold that ignored stop() would keep stop() waiting 10 min.
  arrived.get_future().wait();
  const auto start = std::chrono::steady_clock::now();
  server.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_FALSE(client.get()) << "a reply cut short by stop() must not be answered";
  EXPECT_EQ(server.requests().at(0).status, 0);
}

TEST_F(Faults, ScriptedFaultsHitExactlyTheScriptedRequests) {
  server.set_fault_policy(std::make_shared<ScriptedFaults>(
      ScriptedFaults{{2, Fault::kBadGateway502}, {3, Fault::kConnectionReset}}));
  httplib::Client client(base);
  EXPECT_EQ(client.Get("/repos/octo/widgets")->status, 200);
  EXPECT_EQ(client.Get("/repos/octo/widgets")->status, 502);
  EXPECT_FALSE(client.Get("/repos/octo/widgets"));
  EXPECT_EQ(client.Get("/repos/octo/widgets")->status, 200);
  const auto log = server.requests();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].fault, "");
  EXPECT_EQ(log[1].fault, "502");
  EXPECT_EQ(log[2].fault, "reset");
  EXPECT_EQ(log[2].status, 0);
  EXPECT_EQ(log[3].fault, "");
}

}  // namespace
}  // namespace fake_github
