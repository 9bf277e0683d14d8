// Conditional GETs and pull request changes on the fake, as GitHub
// documents them: stable weak ETags, Last-Modified, 304 without a body and
// without spending the budget of an authorized caller, and updated_at
// moving with every change so that sort=updated follows it.
#include <gtest/gtest.h>

#include "fake_github/conditional_get.hpp"
#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"
#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

using tiny_http::Reply;

class Conditional : public ::testing::Test {
 protected:
  void SetUp() override {
    server.add_repository("octo/cond", 150);
    base = server.start();
  }

  Reply get(const std::string& path, const httplib::Headers& extra = {},
            const std::string& token = "ghp_conditional") {
    httplib::Client client(base);
    httplib::Headers headers = extra;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto result = client.Get(path.c_str(), headers);
    EXPECT_TRUE(result);
    return Reply{result->status, result->headers, result->body};
  }

  static constexpr const char* kPage1 =
      "/repos/octo/cond/pulls?state=all&sort=updated&direction=desc&per_page=100&page=1";
  FakeGitHub server;
  std::string base;
};

TEST_F(Conditional, ResponsesCarryAStableWeakETagAndLastModified) {
  const auto first = get(kPage1);
  const auto again = get(kPage1);
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.header("etag");
  EXPECT_EQ(etag.rfind("W/\"", 0), 0u) << etag;
  EXPECT_EQ(etag.size(), 3u + 32u + 1u) << etag;
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(etag, weak_etag(first.body));
  // The newest update of the listing, as an HTTP date.
  const auto newest = first.json()[0]["updated_at"].get<std::string>();
  const auto modified = parse_http_date(first.header("last-modified"));
  ASSERT_TRUE(modified.has_value()) << first.header("last-modified");
  EXPECT_EQ(iso8601(*modified), newest);
  EXPECT_NE(get("/repos/octo/cond/pulls?page=2").header("etag"), etag);  // another body
}

TEST_F(Conditional, AMatchingIfNoneMatchIs304WithoutBodyAndFreeWhenAuthorized) {
  const auto first = get(kPage1);
  const auto remaining = first.header("x-ratelimit-remaining");
  const auto not_modified = get(kPage1, {{"If-None-Match", first.header("etag")}});
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
  EXPECT_EQ(not_modified.header("etag"), first.header("etag"));
  EXPECT_EQ(not_modified.header("x-ratelimit-remaining"), remaining);
  EXPECT_EQ(get(kPage1, {{"If-None-Match", "W/\"other\""}}).status, 200);
  EXPECT_EQ(std::stoll(get(kPage1).header("x-ratelimit-remaining")), std::stoll(remaining) - 2);
  // Unauthenticated: still 304, but counted.
  const auto anonymous = get(kPage1, {}, "");
  const auto anonymous_304 = get(kPage1, {{"If-None-Match", first.header("etag")}}, "");
  EXPECT_EQ(anonymous_304.status, 304);
  EXPECT_EQ(std::stoll(anonymous_304.header("x-ratelimit-remaining")),
            std::stoll(anonymous.header("x-ratelimit-remaining")) - 1);
}

TEST_F(Conditional, IfModifiedSinceCountsOnlyWithoutIfNoneMatch) {
  const auto first = get(kPage1);
  const std::string since = first.header("last-modified");
  EXPECT_EQ(get(kPage1, {{"If-Modified-Since", since}}).status, 304);
  const auto earlier = http_date(*parse_http_date(since) - 1);
  EXPECT_EQ(get(kPage1, {{"If-Modified-Since", earlier}}).status, 200);
  // RFC 9110 13.2.2: with If-None-Match, If-Modified-Since is not evaluated.
  EXPECT_EQ(get(kPage1, {{"If-None-Match", "W/\"other\""}, {"If-Modified-Since", since}}).status,
            200);
  EXPECT_EQ(get(kPage1, {{"If-Modified-Since", "yesterday"}}).status, 200);
}

TEST_F(Conditional, EveryChangeMovesUpdatedAtAndTheETag) {
  server.set_clock([] { return std::int64_t{1'900'000'000}; });
  const auto before = get(kPage1);
  for (const char* change : {"retitle", "label"}) {
    server.change_pull("octo/cond", 7, change);
    const auto after = get(kPage1, {{"If-None-Match", before.header("etag")}});
    ASSERT_EQ(after.status, 200) << change;
    const auto top = after.json()[0];
    EXPECT_EQ(top["number"], 7) << change;
    EXPECT_EQ(top["updated_at"], iso8601(1'900'000'000)) << change;
  }
  const auto top = get(kPage1).json()[0];
  EXPECT_NE(top["title"].get<std::string>().find("(edited 1)"), std::string::npos) << top["title"];
  // Ascending order puts it last.
  const auto asc =
      get("/repos/octo/cond/pulls?state=all&sort=updated&direction=asc&per_page=100&page=2");
  EXPECT_EQ(asc.json().back()["number"], 7);
}

TEST_F(Conditional, ChangesFollowGitHubsRules) {
  server.set_clock([] { return std::int64_t{1'900'000'000}; });
  server.open_pulls("octo/cond", 1);  // #151, open, ready
  auto find = [&](std::int64_t number) {
    for (int page = 1; page <= 2; ++page) {
      for (const auto& pr :
           get("/repos/octo/cond/pulls?state=all&per_page=100&page=" + std::to_string(page))
               .json()) {
        if (pr["number"] == number) return pr;
      }
    }
    return nlohmann::json();
  };
  EXPECT_EQ(find(151)["created_at"], iso8601(1'900'000'000));
  server.change_pull("octo/cond", 151, "draft");
  EXPECT_EQ(find(151)["draft"], true);
  server.change_pull("octo/cond", 151, "ready");
  server.change_pull("octo/cond", 151, "close");
  EXPECT_EQ(find(151)["state"], "closed");
  EXPECT_TRUE(find(151)["merged_at"].is_null());
  server.change_pull("octo/cond", 151, "reopen");
  server.change_pull("octo/cond", 151, "merge");
  EXPECT_EQ(find(151)["merged_at"], iso8601(1'900'000'000));
  EXPECT_THROW(server.change_pull("octo/cond", 151, "reopen"), std::invalid_argument);
  EXPECT_THROW(server.change_pull("octo/cond", 151, "merge"), std::invalid_argument);
  EXPECT_THROW(server.change_pull("octo/cond", 999, "close"), std::invalid_argument);
  EXPECT_THROW(server.change_pull("octo/cond", 151, "explode"), std::invalid_argument);
}

}  // namespace
}  // namespace fake_github
