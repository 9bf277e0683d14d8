// Credentials, the primary rate limit, renames, errors and the request log.
#include <gtest/gtest.h>

#include <atomic>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"
#include "fake_github/schema_validator.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;

constexpr std::int64_t kReset = 1'900'000'000;

class Access : public ::testing::Test {
 protected:
  void SetUp() override {
    id = server.add_repository("octo/widgets", 12);
    base = server.start();
  }
  FakeGitHub server;
  std::int64_t id = 0;
  std::string base;
};

TEST_F(Access, EveryResponseCarriesRateLimitAndRequestHeaders) {
  for (const char* path :
       {"/repos/octo/widgets", "/repos/octo/widgets/pulls", "/nope", "/rate_limit"}) {
    SCOPED_TRACE(path);
    const auto reply = get(base, path, "Bearer t");
    EXPECT_EQ(reply.header("x-ratelimit-limit"), "5000");
    EXPECT_FALSE(reply.header("x-ratelimit-remaining").empty());
    EXPECT_FALSE(reply.header("x-ratelimit-used").empty());
    EXPECT_FALSE(reply.header("x-ratelimit-reset").empty());
    EXPECT_EQ(reply.header("x-ratelimit-resource"), "core");
    EXPECT_FALSE(reply.header("x-github-request-id").empty());
    EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
  }
}

TEST_F(Access, BudgetsArePerTokenAndDefaultTo5000Or60) {
  EXPECT_EQ(get(base, "/repos/octo/widgets", "token a").header("x-ratelimit-remaining"), "4999");
  EXPECT_EQ(get(base, "/repos/octo/widgets", "token a").header("x-ratelimit-remaining"), "4998");
  EXPECT_EQ(get(base, "/repos/octo/widgets", "Bearer b").header("x-ratelimit-remaining"), "4999");
  const auto anonymous = get(base, "/repos/octo/widgets");
  EXPECT_EQ(anonymous.header("x-ratelimit-limit"), "60");
  EXPECT_EQ(anonymous.header("x-ratelimit-remaining"), "59");
  EXPECT_EQ(anonymous.header("x-ratelimit-used"), "1");
}

TEST_F(Access, RemainingDecrementsThenExhaustionAnswers403) {
  server.set_rate_limit(10, 2, kReset);
  const auto one = get(base, "/repos/octo/widgets/pulls", "Bearer t");
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.header("x-ratelimit-remaining"), "1");
  EXPECT_EQ(one.header("x-ratelimit-used"), "9");
  EXPECT_EQ(one.header("x-ratelimit-reset"), std::to_string(kReset));
  EXPECT_EQ(get(base, "/repos/octo/widgets/pulls", "Bearer t").header("x-ratelimit-remaining"),
            "0");

  const auto refused = get(base, "/repos/octo/widgets/pulls", "Bearer t");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.header("x-ratelimit-remaining"), "0");
  EXPECT_EQ(refused.header("x-ratelimit-reset"), std::to_string(kReset));
  const json body = refused.json();
  EXPECT_EQ(body["message"].get<std::string>().rfind("API rate limit exceeded for user ID 1.", 0),
            0u);
  EXPECT_NE(body["message"].get<std::string>().find(refused.header("x-github-request-id")),
            std::string::npos);
  EXPECT_EQ(body["documentation_url"],
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
  EXPECT_EQ(body["status"], "403");

  // /rate_limit is free and still answers.
  const auto status = get(base, "/rate_limit", "Bearer t");
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(status.json()["resources"]["core"]["remaining"], 0);
}

TEST_F(Access, RateLimitEndpointReportsTheCallersBudgetWithoutSpendingIt) {
  server.set_rate_limit(100, 40, kReset);
  get(base, "/repos/octo/widgets", "token t");
  const json first = get(base, "/rate_limit", "token t").json();
  const json second = get(base, "/rate_limit", "token t").json();
  EXPECT_EQ(first, second);
  const json expected = {{"limit", 100}, {"used", 61}, {"remaining", 39}, {"reset", kReset}};
  EXPECT_EQ(first["resources"]["core"], expected);
  EXPECT_EQ(first["rate"], expected);
  EXPECT_TRUE(first["resources"]["search"].is_object());
}

TEST_F(Access, WrongTokenIsRejectedWith401) {
  server.set_valid_token("right");
  const auto wrong = get(base, "/repos/octo/widgets", "Bearer wrong");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.json(), (json{{"message", "Bad credentials"},
                                {"documentation_url", "https://docs.github.com/rest"},
                                {"status", "401"}}));
  EXPECT_EQ(get(base, "/rate_limit", "token wrong").status, 401);
  EXPECT_EQ(get(base, "/repos/octo/widgets", "Bearer right").status, 200);
  EXPECT_EQ(get(base, "/repos/octo/widgets", "token right").status, 200);
  EXPECT_EQ(get(base, "/repos/octo/widgets").status, 200);  // unauthenticated is allowed
}

TEST_F(Access, RenamedRepositoryRedirectsPermanentlyToItsId) {
  server.rename_repository("octo/widgets", "octo/gadgets");
  const std::string target =
      base + "/repositories/" + std::to_string(id) + "/pulls?state=all&page=2";
  const auto moved = get(base, "/repos/octo/widgets/pulls?state=all&page=2");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), target);
  EXPECT_EQ(moved.json(),
            (json{{"message", "Moved Permanently"},
                  {"url", target},
                  {"documentation_url", "https://docs.github.com/v3/#http-redirects"}}));
  static const OpenApiReference reference(BACKFILL_GITHUB_REFERENCE_JSON);
  EXPECT_TRUE(validate_against_schema(
                  moved.json(), reference.response_schema("/repos/{owner}/{repo}", "get", "301"))
                  .empty());

  const auto repo_moved = get(base, "/repos/OCTO/Widgets");
  EXPECT_EQ(repo_moved.status, 301);
  EXPECT_EQ(repo_moved.header("location"), base + "/repositories/" + std::to_string(id));

  const auto by_id = get(base, "/repositories/" + std::to_string(id));
  EXPECT_EQ(by_id.status, 200);
  EXPECT_EQ(by_id.json()["full_name"], "octo/gadgets");
  EXPECT_EQ(get(base, "/repos/octo/gadgets").json()["id"], id);
  EXPECT_EQ(get(base, "/repos/octo/gadgets/pulls?state=all").json()[0]["base"]["repo"]["full_name"],
            "octo/gadgets");
}

TEST_F(Access, NamesAreCaseInsensitive) {
  const auto reply = get(base, "/repos/OCTO/WIDGETS");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json()["full_name"], "octo/widgets");
}

TEST_F(Access, UnknownThingsAnswerGitHubs404) {
  const auto repo = get(base, "/repos/octo/nothing");
  EXPECT_EQ(repo.status, 404);
  EXPECT_EQ(
      repo.json(),
      (json{{"message", "Not Found"},
            {"documentation_url", "https://docs.github.com/rest/repos/repos#get-a-repository"},
            {"status", "404"}}));
  const auto route = get(base, "/definitely/not/a/route");
  EXPECT_EQ(route.status, 404);
  EXPECT_EQ(route.json(), (json{{"message", "Not Found"},
                                {"documentation_url", "https://docs.github.com/rest"},
                                {"status", "404"}}));
  EXPECT_EQ(get(base, "/repositories/999999/pulls").status, 404);
  EXPECT_EQ(get(base, "/repos/octo/widgets/releases").status, 404);
}

TEST_F(Access, RequestsAreRecordedAndTheHookSeesEachBeforeItIsAnswered) {
  std::atomic<std::size_t> last_index{0};
  std::atomic<int> status_seen_by_hook{-1};
  server.on_request([&](std::size_t index, const RecordedRequest& request) {
    last_index = index;
    if (index == 2) status_seen_by_hook = request.status;
  });
  get(base, "/repos/octo/widgets", "Bearer secret");
  get(base, "/repos/octo/widgets/pulls?state=all&page=1");
  get(base, "/nope");

  EXPECT_EQ(last_index, 3u);
  EXPECT_EQ(status_seen_by_hook, 0);  // not answered yet
  const auto log = server.requests();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].path, "/repos/octo/widgets");
  EXPECT_EQ(log[0].authorization, "Bearer secret");
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[1].path, "/repos/octo/widgets/pulls");
  EXPECT_EQ(log[1].query, "state=all&page=1");
  EXPECT_EQ(log[2].status, 404);
  EXPECT_LE(log[0].at, log[1].at);

  server.clear_requests();
  EXPECT_TRUE(server.requests().empty());
  get(base, "/rate_limit");
  EXPECT_EQ(last_index, 1u);
  EXPECT_EQ(server.requests().size(), 1u);
}

}  // namespace
}  // namespace fake_github
