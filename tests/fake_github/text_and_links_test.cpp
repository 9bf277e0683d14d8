// The fake's hand-rolled JSON text and Link header building, checked
// against nlohmann::json and GitHub's documented format.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fake_github/json_text.hpp"
#include "fake_github/pagination.hpp"

namespace fake_github {
namespace {

TEST(JsonText, EscapedStringsRoundTripThroughAJsonParser) {
  const std::string nasty = std::string("quote\" backslash\\ nl\n cr\r tab\t bell\a nul", 40) +
                            std::string(1, '\0') + " \x1f ñ 中文 😀";
  std::string out;
  append_json_string(out, nasty);
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), nasty);
  EXPECT_NE(out.find("\\u0000"), std::string::npos);
  EXPECT_NE(out.find("\\u001f"), std::string::npos);
}

TEST(JsonText, TimestampsAreIso8601Utc) {
  EXPECT_EQ(iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso8601(kHistoryStartEpoch), "2015-01-01T00:00:00Z");
  EXPECT_EQ(iso8601(951'782'400), "2000-02-29T00:00:00Z");  // leap day
  EXPECT_EQ(iso8601(1'709'251'199), "2024-02-29T23:59:59Z");
  EXPECT_EQ(iso8601(4'102'444'800), "2100-01-01T00:00:00Z");
}

TEST(JsonText, FakeShasLookLikeGitShas) {
  std::string a;
  std::string b;
  append_fake_sha(a, 1);
  append_fake_sha(b, 2);
  EXPECT_EQ(a.size(), 40u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(Pagination, DefaultsFollowGitHub) {
  const PageRequest defaults = parse_page_request({});
  EXPECT_EQ(defaults.state, StateFilter::kOpen);
  EXPECT_EQ(defaults.sort, SortKey::kCreated);
  EXPECT_FALSE(defaults.ascending);
  EXPECT_EQ(defaults.per_page, 30);
  EXPECT_EQ(defaults.page, 1);

  const PageRequest updated =
      parse_page_request({{"sort", "updated"}, {"per_page", "1000"}, {"page", "0"}});
  EXPECT_EQ(updated.sort, SortKey::kUpdated);
  EXPECT_TRUE(updated.ascending);
  EXPECT_EQ(updated.per_page, 100);
  EXPECT_EQ(updated.page, 1);

  const PageRequest popularity =
      parse_page_request({{"sort", "popularity"}, {"direction", "desc"}});
  EXPECT_FALSE(popularity.ascending);
}

TEST(Pagination, LinkReplacesThePageParameterWhereItStands) {
  EXPECT_EQ(pulls_link_header("http://h", 7, "page=2&per_page=10", 2, 3),
            "<http://h/repositories/7/pulls?page=1&per_page=10>; rel=\"prev\", "
            "<http://h/repositories/7/pulls?page=3&per_page=10>; rel=\"next\", "
            "<http://h/repositories/7/pulls?page=3&per_page=10>; rel=\"last\", "
            "<http://h/repositories/7/pulls?page=1&per_page=10>; rel=\"first\"");
  EXPECT_EQ(pulls_link_header("http://h", 7, "", 1, 2),
            "<http://h/repositories/7/pulls?page=2>; rel=\"next\", "
            "<http://h/repositories/7/pulls?page=2>; rel=\"last\"");
  EXPECT_EQ(pulls_link_header("http://h", 7, "state=all", 1, 1), "");
}

}  // namespace
}  // namespace fake_github
