// The server's injectable clock: budgets refill when it reaches their reset,
// and the log records its value for every request.
#include <gtest/gtest.h>

#include <atomic>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"

namespace fake_github {
namespace {

using tiny_http::get;

class ClockedServer : public ::testing::Test {
 protected:
  void SetUp() override {
    server.add_repository("octo/widgets", 5);
    server.set_clock([this] { return now.load(); });
    base = server.start();
  }
  tiny_http::Reply fetch(const std::string& authorization = "token t") {
    return get(base, "/repos/octo/widgets/pulls", authorization);
  }
  std::atomic<std::int64_t> now{1'700'000'000};
  FakeGitHub server;
  std::string base;
};

TEST_F(ClockedServer, AnExhaustedBudgetRefillsExactlyWhenTheClockReachesItsReset) {
  constexpr std::int64_t kReset = 1'700'000'500;
  server.exhaust_budget_after(2, kReset);
  EXPECT_EQ(fetch().header("x-ratelimit-remaining"), "1");
  const auto last = fetch();
  EXPECT_EQ(last.status, 200);
  EXPECT_EQ(last.header("x-ratelimit-remaining"), "0");

  const auto refused = fetch();
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.header("x-ratelimit-limit"), "5000");
  EXPECT_EQ(refused.header("x-ratelimit-remaining"), "0");
  EXPECT_EQ(refused.header("x-ratelimit-reset"), std::to_string(kReset));
  // GitHub quotes the refusal's time; it is the server's clock.
  EXPECT_NE(refused.json()["message"].get<std::string>().find("timestamp 2023-11-14 22:13:20 UTC"),
            std::string::npos);

  now = kReset - 1;
  EXPECT_EQ(fetch().status, 403);
  now = kReset;
  const auto refilled = fetch();
  EXPECT_EQ(refilled.status, 200);
  EXPECT_EQ(refilled.header("x-ratelimit-remaining"), "4999");
  EXPECT_EQ(refilled.header("x-ratelimit-reset"), std::to_string(kReset + 3600));

  const auto log = server.requests();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log[2].status, 403);
  EXPECT_EQ(log[2].epoch, 1'700'000'000);
  EXPECT_EQ(log[3].epoch, kReset - 1);
  EXPECT_EQ(log[4].epoch, kReset);
  EXPECT_EQ(log[4].status, 200);
}

TEST_F(ClockedServer, SetRateLimitBudgetsRefillToTheirLimit) {
  server.set_rate_limit(10, 1, 1'700'000'100);
  EXPECT_EQ(fetch().status, 200);
  EXPECT_EQ(fetch().status, 403);
  now = 1'700'000'100;
  const auto refilled = fetch();
  EXPECT_EQ(refilled.status, 200);
  EXPECT_EQ(refilled.header("x-ratelimit-limit"), "10");
  EXPECT_EQ(refilled.header("x-ratelimit-remaining"), "9");
  EXPECT_EQ(refilled.header("x-ratelimit-reset"), "1700003700");
}

TEST_F(ClockedServer, DefaultBudgetsStartAWindowAtTheFirstRequestAndRollOver) {
  const auto first = fetch();
  EXPECT_EQ(first.header("x-ratelimit-reset"), "1700003600");
  EXPECT_EQ(fetch().header("x-ratelimit-remaining"), "4998");
  const auto anonymous = fetch("");
  EXPECT_EQ(anonymous.header("x-ratelimit-remaining"), "59");

  now = 1'700'003'600;
  const auto next_window = fetch();
  EXPECT_EQ(next_window.header("x-ratelimit-remaining"), "4999");
  EXPECT_EQ(next_window.header("x-ratelimit-reset"), "1700007200");

  // A clock that jumps past several windows lands on the next reset ahead.
  now = 1'700'007'200 + 3 * 3600 + 5;
  const auto status = get(base, "/rate_limit", "token t").json()["resources"]["core"];
  EXPECT_EQ(status["remaining"], 5000);
  EXPECT_EQ(status["reset"], 1'700'007'200 + 4 * 3600);
  EXPECT_EQ(fetch("").header("x-ratelimit-remaining"), "59");
}

TEST(Clock, WithoutAnInjectedClockTheServerUsesRealTime) {
  FakeGitHub server;
  server.add_repository("octo/widgets", 1);
  const std::string base = server.start();
  const auto before = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  get(base, "/repos/octo/widgets");
  const auto after = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  const std::int64_t epoch = server.requests().at(0).epoch;
  EXPECT_GE(epoch, before);
  EXPECT_LE(epoch, after);
  server.set_clock([] { return std::int64_t{5}; });
  server.set_clock(nullptr);
  get(base, "/repos/octo/widgets");
  EXPECT_GE(server.requests().at(1).epoch, before);
}

}  // namespace
}  // namespace fake_github
