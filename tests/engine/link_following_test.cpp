// How the chunk loop follows Link rel="next" when the reply lies: another
// host, a loop, a listing that never ends. In memory (scripted transport),
// with a real SQLite store.
#include <gtest/gtest.h>

#include <functional>

#include "backfill/github/link_header.hpp"
#include "support/db_probe.hpp"
#include "support/github_replies.hpp"
#include "support/scripted_github.hpp"

namespace backfill::testing {
namespace {

using engine::RunResult;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Replaces the Link header of the reply to pulls page `page` (listing, not count).
void relink(ScriptedGitHub& github, long page, std::string next_url) {
  github.tamper = [&github, page, next_url](std::size_t, const github::HttpRequest& request,
                                            github::HttpResponse& response) {
    if (request.url.find("per_page=100") == std::string::npos) return;
    if (github::page_param(request.url).value_or(1) != page) return;
    auto headers = response.headers.all();
    github::HeaderMap rewritten;
    for (const auto& [name, value] : headers)
      if (name != "link") rewritten.add(name, value);
    rewritten.add("link", replies::link(next_url, "next"));
    response.headers = rewritten;
  };
}

TEST(LinkFollowing, ANextLinkToAnotherHostFailsTheRunNamingTheUrl) {
  ScriptedEngine e;
  const std::string evil = "https://evil.example/repositories/4242/pulls?per_page=100&page=2";
  relink(e.github, 1, evil);
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_EQ(engine::exit_code_for(outcome.result), 1);
  EXPECT_TRUE(contains(outcome.reason, evil)) << outcome.reason;
  EXPECT_EQ(outcome.error_kind, github::ErrorKind::kRefused);
  EXPECT_EQ(outcome.retries, 0);  // never retried
  for (const auto& url : e.urls()) EXPECT_FALSE(contains(url, "evil.example")) << url;
  // Page 1 was good and stays stored; the state says what happened.
  EXPECT_EQ(query_int(e.db.database.url(), "SELECT count(*) FROM pull_requests"), 100);
  EXPECT_EQ(query_value(e.db.database.url(), "SELECT status FROM backfill_progress"), "failed");
  EXPECT_TRUE(contains(
      query_value(e.db.database.url(), "SELECT last_error FROM backfill_progress").value_or(""),
      evil));
}

TEST(LinkFollowing, ANextLinkThatDowngradesToHttpFails) {
  ScriptedEngine e;
  const std::string plain = "http://api.github.test/repositories/4242/pulls?per_page=100&page=2";
  relink(e.github, 1, plain);
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, plain)) << outcome.reason;
  for (const auto& url : e.urls()) EXPECT_NE(url.rfind("http://", 0), 0u) << url;
}

// Serves every listing page `page` as a full page of 100 whose next link
// `next_of(page)` says (none when it returns ""); after 200 requests the
// links stop, so that a run without bounds ends (and its test fails) rather
// than spinning forever.
void link_pages(ScriptedGitHub& github, std::function<std::string(long)> next_of) {
  github.tamper = [&github, next_of](std::size_t index, const github::HttpRequest& request,
                                     github::HttpResponse& response) {
    if (request.url.find("per_page=100") == std::string::npos) return;
    const long page = github::page_param(request.url).value_or(1);
    response.body = replies::pulls_page_json((page - 1) * 100 + 1, 100);
    github::HeaderMap headers;
    for (const auto& [name, value] : response.headers.all())
      if (name != "link") headers.add(name, value);
    const std::string next = index < 200 ? next_of(page) : "";
    if (!next.empty()) headers.add("link", replies::link(next, "next"));
    response.headers = headers;
  };
}

TEST(LinkFollowing, ANextLinkToItselfEndsTheRun) {
  ScriptedEngine e;
  link_pages(e.github, [&](long page) { return e.github.page_url(page == 1 ? 2 : page); });
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, "repeats a page")) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, e.github.page_url(2))) << outcome.reason;
  EXPECT_EQ(outcome.error_kind, github::ErrorKind::kRefused);
  EXPECT_EQ(e.transport.request_count(), 4u);  // repository, count, pages 1 and 2
  EXPECT_EQ(query_int(e.db.database.url(), "SELECT count(*) FROM pull_requests"), 200);
}

TEST(LinkFollowing, ANextLinkToAnEarlierPageEndsTheRun) {
  ScriptedEngine e;
  link_pages(e.github, [&](long page) { return e.github.page_url(page == 3 ? 1 : page + 1); });
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, "goes back from page 3 to page 1")) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, e.github.page_url(1))) << outcome.reason;
  EXPECT_EQ(e.transport.request_count(), 5u);
}

TEST(LinkFollowing, AListingThatNeverEndsStopsPastTheCountAndItsMargin) {
  ScriptedEngine e;  // GitHub counts 250 pull requests: 3 pages, 14 with the margin
  link_pages(e.github, [&](long page) { return e.github.page_url(page + 1); });
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kFailed) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, "goes past 14 pages")) << outcome.reason;
  EXPECT_TRUE(contains(outcome.reason, e.github.page_url(15))) << outcome.reason;
  EXPECT_EQ(e.transport.request_count(), 2u + 14u);
  EXPECT_EQ(query_int(e.db.database.url(), "SELECT count(*) FROM pull_requests"), 1400);
  EXPECT_EQ(query_value(e.db.database.url(), "SELECT status FROM backfill_progress"), "failed");
}

TEST(LinkFollowing, PullRequestsOpenedDuringTheRunAreWithinTheMargin) {
  ScriptedEngine e;  // counted 250, but 5 more pages appeared before the end
  link_pages(e.github, [&](long page) { return page < 8 ? e.github.page_url(page + 1) : ""; });
  auto outcome = e.run(e.params());
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(query_int(e.db.database.url(), "SELECT count(*) FROM pull_requests"), 800);
}

}  // namespace
}  // namespace backfill::testing
