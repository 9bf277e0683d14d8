// The whole run when rate-limit headers are wrong, skewed or absurd: it
// waits sanely, pauses (exit 75, resume_after saved) rather than wait past
// the one-hour cap, and never loops. In memory, in virtual time.
#include <gtest/gtest.h>

#include <limits>

#include "backfill/github/link_header.hpp"
#include "support/db_probe.hpp"
#include "support/scripted_github.hpp"

namespace backfill::testing {
namespace {

using engine::RunResult;
using std::chrono::seconds;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool is_page(const github::HttpRequest& request, long page) {
  return request.url.find("per_page=100") != std::string::npos &&
         github::page_param(request.url).value_or(1) == page;
}

github::HttpResponse exhausted(const std::string& reset) {
  return json_reply(403, R"({"message":"API rate limit exceeded for user ID 1."})",
                    {{"x-ratelimit-limit", "5000"},
                     {"x-ratelimit-remaining", "0"},
                     {"x-ratelimit-used", "5000"},
                     {"x-ratelimit-reset", reset}});
}

github::HttpResponse secondary(const std::string& retry_after) {
  return json_reply(403, R"({"message":"You have exceeded a secondary rate limit."})",
                    {{"retry-after", retry_after}});
}

struct RateLimitReplies : ::testing::Test {
  void SetUp() override {
    e.github.epoch_now = [this] { return e.epoch_now(); };
  }
  // Answers every request for listing page 2 with `reply(now)`.
  void page_2_answers(std::function<github::HttpResponse()> reply) {
    e.github.tamper = [reply](std::size_t, const github::HttpRequest& request,
                              github::HttpResponse& response) {
      if (is_page(request, 2)) response = reply();
    };
  }
  std::size_t page_2_requests() const {
    std::size_t n = 0;
    for (const auto& request : e.transport.requests()) n += is_page(request, 2) ? 1 : 0;
    return n;
  }
  std::string progress(const std::string& column) {
    return query_value(e.db.database.url(), "SELECT " + column + " FROM backfill_progress")
        .value_or("<null>");
  }
  void expect_paused_with_page_1_kept() {
    EXPECT_EQ(progress("status"), "paused");
    EXPECT_NE(progress("resume_after"), "<null>");
    EXPECT_EQ(query_int(e.db.database.url(), "SELECT count(*) FROM pull_requests"), 100);
  }

  ScriptedEngine e;
};

TEST_F(RateLimitReplies, AResetInThePastWaitsSanelyAndTheRequestsStayBounded) {
  // Our clock runs an hour ahead of GitHub's: every reset it sends is past.
  page_2_answers([this] { return exhausted(std::to_string(e.epoch_now() - 3600)); });
  const auto start = e.clock.now();
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kPaused) << outcome.reason;
  EXPECT_EQ(engine::exit_code_for(outcome.result), 75);
  EXPECT_TRUE(contains(outcome.reason, "3 times in a row")) << outcome.reason;
  EXPECT_EQ(page_2_requests(), 3u);
  EXPECT_EQ(e.clock.waits(), (std::vector<Duration>{seconds(60), seconds(120)}));
  EXPECT_EQ(e.clock.now() - start, seconds(180));
  expect_paused_with_page_1_kept();
}

TEST_F(RateLimitReplies, ATokenThatStaysExhaustedPausesAfterThreeAnswers) {
  page_2_answers([this] { return exhausted(std::to_string(e.epoch_now() + 900)); });
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kPaused) << outcome.reason;
  EXPECT_EQ(page_2_requests(), 3u);
  EXPECT_EQ(e.clock.waits(), (std::vector<Duration>{seconds(901), seconds(901)}));
  ASSERT_TRUE(outcome.resume_at);
  EXPECT_EQ(*outcome.resume_at, e.clock.now() + seconds(901));
  expect_paused_with_page_1_kept();
}

TEST_F(RateLimitReplies, AbsurdResetsPauseForAnHourAtMost) {
  for (const std::string reset : {"7700000000", "9223372036854775807", "99999999999999999999"}) {
    ScriptedEngine fresh;
    fresh.github.tamper = [reset](std::size_t, const github::HttpRequest& request,
                                  github::HttpResponse& response) {
      if (is_page(request, 2)) response = exhausted(reset);
    };
    auto outcome = fresh.run(fresh.params());
    ASSERT_EQ(outcome.result, RunResult::kPaused) << reset << ": " << outcome.reason;
    EXPECT_TRUE(contains(outcome.reason, "cap on any wait")) << outcome.reason;
    EXPECT_TRUE(fresh.clock.waits().empty()) << reset;
    ASSERT_TRUE(outcome.resume_at);
    EXPECT_EQ(*outcome.resume_at, fresh.clock.now() + std::chrono::hours(1)) << reset;
    EXPECT_EQ(query_value(fresh.db.database.url(), "SELECT status FROM backfill_progress"),
              "paused");
  }
}

TEST_F(RateLimitReplies, AnAbsurdResetOnAGoodReplyPausesBeforeTheNextRequest) {
  // Page 1 arrives fine but says the budget is spent until the year 2216.
  e.github.tamper = [](std::size_t, const github::HttpRequest& request,
                       github::HttpResponse& response) {
    if (!is_page(request, 1)) return;
    github::HeaderMap headers;
    for (const auto& [name, value] : response.headers.all())
      if (name.rfind("x-ratelimit-", 0) != 0) headers.add(name, value);
    headers.add("x-ratelimit-limit", "5000");
    headers.add("x-ratelimit-remaining", "0");
    headers.add("x-ratelimit-reset", "7700000000");
    response.headers = headers;
  };
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kPaused) << outcome.reason;
  EXPECT_EQ(page_2_requests(), 0u);
  EXPECT_TRUE(e.clock.waits().empty());
  expect_paused_with_page_1_kept();
}

TEST_F(RateLimitReplies, AHugeRetryAfterPausesRatherThanWaits) {
  for (const std::string retry_after : {"7200", "99999999999", "99999999999999999999999"}) {
    ScriptedEngine fresh;
    fresh.github.tamper = [retry_after](std::size_t, const github::HttpRequest& request,
                                        github::HttpResponse& response) {
      if (is_page(request, 2)) response = secondary(retry_after);
    };
    auto outcome = fresh.run(fresh.params());
    ASSERT_EQ(outcome.result, RunResult::kPaused) << retry_after << ": " << outcome.reason;
    EXPECT_EQ(engine::exit_code_for(outcome.result), 75);
    EXPECT_TRUE(fresh.clock.waits().empty()) << retry_after;
    ASSERT_TRUE(outcome.resume_at);
    EXPECT_EQ(*outcome.resume_at, fresh.clock.now() + std::chrono::hours(1));
  }
}

TEST_F(RateLimitReplies, ANegativeOrGarbledRetryAfterWaitsAMinuteAndGoesOn) {
  int served = 0;
  e.github.tamper = [&served](std::size_t, const github::HttpRequest& request,
                              github::HttpResponse& response) {
    if (!is_page(request, 2) || served >= 3) return;
    const char* values[] = {"-5", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"};
    response = secondary(values[served++]);
  };
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  // At least a minute, doubling on repeats; each counted as a retry.
  EXPECT_EQ(e.clock.waits(), (std::vector<Duration>{seconds(60), seconds(120), seconds(240)}));
  EXPECT_EQ(outcome.retries, 3);
  EXPECT_EQ(query_int(e.db.database.url(), "SELECT count(*) FROM pull_requests"), 250);
}

}  // namespace
}  // namespace backfill::testing
