// What the fake serves must conform to GitHub's published schema, awkward
// cases included, or tests against it prove nothing about api.github.com.
#include <gtest/gtest.h>

#include <set>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"
#include "fake_github/schema_validator.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;

const OpenApiReference& reference() {
  static const OpenApiReference document(BACKFILL_GITHUB_REFERENCE_JSON);
  return document;
}

class ResponseShape : public ::testing::Test {
 protected:
  void SetUp() override {
    GenerateOptions options;
    options.seed = 7;
    options.awkward_every = 3;  // 40 awkward PRs: every case five times
    server.add_repository("octo-org/Hello.World", 120, options);
    base = server.start();
  }

  json all_pulls_ascending() {
    const auto reply =
        get(base, "/repos/octo-org/Hello.World/pulls?state=all&direction=asc&per_page=100");
    EXPECT_EQ(reply.status, 200);
    json page = reply.json();
    const auto rest =
        get(base, "/repos/octo-org/Hello.World/pulls?state=all&direction=asc&per_page=100&page=2");
    for (auto& item : rest.json()) page.push_back(item);
    return page;
  }

  static const json& by_number(const json& pulls, std::int64_t number) {
    for (const auto& pull : pulls) {
      if (pull["number"] == number) return pull;
    }
    throw std::out_of_range("no PR #" + std::to_string(number));
  }

  FakeGitHub server;
  std::string base;
};

TEST_F(ResponseShape, PullPagesMatchGitHubsSchema) {
  const auto& schema = reference().response_schema("/repos/{owner}/{repo}/pulls", "get", "200");
  for (const char* page : {"1", "2"}) {
    const auto reply = get(
        base, std::string("/repos/octo-org/Hello.World/pulls?state=all&per_page=100&page=") + page);
    ASSERT_EQ(reply.status, 200);
    const json items = reply.json();
    ASSERT_FALSE(items.empty());
    const auto errors = validate_against_schema(items, schema);
    EXPECT_TRUE(errors.empty()) << "page " << page << ": " << errors.size()
                                << " violations, first: " << (errors.empty() ? "" : errors.front());
  }
}

TEST_F(ResponseShape, RepositoryMatchesGitHubsSchema) {
  const auto reply = get(base, "/repos/octo-org/Hello.World");
  ASSERT_EQ(reply.status, 200);
  const json repo = reply.json();
  const auto errors = validate_against_schema(
      repo, reference().response_schema("/repos/{owner}/{repo}", "get", "200"));
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  EXPECT_EQ(repo["full_name"], "octo-org/Hello.World");
  EXPECT_EQ(repo["owner"]["login"], "octo-org");
  EXPECT_EQ(repo["url"], base + "/repos/octo-org/Hello.World");
}

TEST_F(ResponseShape, RateLimitMatchesGitHubsSchema) {
  const auto reply = get(base, "/rate_limit");
  ASSERT_EQ(reply.status, 200);
  const auto errors = validate_against_schema(
      reply.json(), reference().response_schema("/rate_limit", "get", "200"));
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
}

TEST_F(ResponseShape, AwkwardCasesArriveIntactAndInRotation) {
  const json pulls = all_pulls_ascending();
  ASSERT_EQ(pulls.size(), 120u);

  const std::string nul_body = by_number(pulls, 3)["body"];
  EXPECT_NE(nul_body.find('\0'), std::string::npos);

  const json& emoji = by_number(pulls, 6);
  EXPECT_NE(emoji["title"].get<std::string>().find("🚀 fix ñ 中文 😀"), std::string::npos);
  const std::string emoji_body = emoji["body"];
  // Once as raw UTF-8, once as the escaped surrogate pair \ud83d\ude00.
  const auto first = emoji_body.find("😀");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(emoji_body.find("😀", first + 1), std::string::npos);
  EXPECT_NE(emoji_body.find("𝄞"), std::string::npos);

  EXPECT_EQ(by_number(pulls, 9)["body"].get<std::string>().size(), 70'000u);
  EXPECT_TRUE(by_number(pulls, 12)["body"].is_null());
  EXPECT_TRUE(by_number(pulls, 15)["user"].is_null());

  const json& draft = by_number(pulls, 18);
  EXPECT_EQ(draft["draft"], true);
  EXPECT_EQ(draft["state"], "open");

  const json& merged = by_number(pulls, 21);
  EXPECT_EQ(merged["state"], "closed");
  EXPECT_FALSE(merged["merged_at"].is_null());
  EXPECT_EQ(merged["merged_at"], merged["closed_at"]);

  const json& unmerged = by_number(pulls, 24);
  EXPECT_EQ(unmerged["state"], "closed");
  EXPECT_TRUE(unmerged["merged_at"].is_null());
  EXPECT_FALSE(unmerged["closed_at"].is_null());

  // The rotation starts over after eight cases.
  EXPECT_NE(by_number(pulls, 27)["body"].get<std::string>().find('\0'), std::string::npos);
}

TEST_F(ResponseShape, GeneratedHistoryIsConsistent) {
  const json pulls = all_pulls_ascending();
  std::set<std::int64_t> ids;
  std::string previous_created;
  std::int64_t expected_number = 1;
  int bots = 0;
  for (const auto& pull : pulls) {
    SCOPED_TRACE("PR #" + pull["number"].dump());
    EXPECT_EQ(pull["number"], expected_number++);
    ids.insert(pull["id"].get<std::int64_t>());
    const std::string created = pull["created_at"];
    EXPECT_GT(created, previous_created);  // ISO-8601 UTC sorts as text
    previous_created = created;
    EXPECT_GE(pull["updated_at"].get<std::string>(), created);
    EXPECT_EQ(pull["state"] == "open", pull["closed_at"].is_null());
    if (!pull["merged_at"].is_null()) {
      EXPECT_EQ(pull["state"], "closed");
    }
    EXPECT_EQ(pull["html_url"],
              "https://github.com/octo-org/Hello.World/pull/" + pull["number"].dump());
    EXPECT_EQ(pull["base"]["repo"]["full_name"], "octo-org/Hello.World");
    if (pull["user"].is_object() && pull["user"]["type"] == "Bot") {
      ++bots;
      const std::string login = pull["user"]["login"];
      EXPECT_EQ(login.substr(login.size() - 5), "[bot]");
      EXPECT_EQ(pull["user"]["url"],
                base + "/users/" + login.substr(0, login.size() - 5) + "%5Bbot%5D");
    }
  }
  EXPECT_GT(bots, 0);
  EXPECT_EQ(ids.size(), pulls.size());
  EXPECT_EQ(pulls.front()["created_at"], "2015-01-01T00:37:00Z");
}

TEST(ResponseShapeDeterminism, SameSeedSameBytesOtherSeedOtherText) {
  const auto page = [](std::uint64_t seed) {
    FakeGitHub server;
    GenerateOptions options;
    options.seed = seed;
    server.add_repository("o/r", 40, options);
    std::string body = get(server.start(), "/repos/o/r/pulls?state=all").body;
    // The port differs between servers; compare with it masked out.
    const std::string base = server.base_url();
    for (auto at = body.find(base); at != std::string::npos; at = body.find(base, at)) {
      body.replace(at, base.size(), "BASE");
    }
    return body;
  };
  EXPECT_EQ(page(5), page(5));
  EXPECT_NE(page(5), page(6));
}

}  // namespace
}  // namespace fake_github
