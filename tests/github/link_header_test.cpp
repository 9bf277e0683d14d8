#include "backfill/github/link_header.hpp"

#include <gtest/gtest.h>

namespace {

using backfill::github::page_param;
using backfill::github::parse_link_header;

TEST(LinkHeader, ParsesGitHubsExactFormat) {
  // As api.github.com sends it for a repository's pulls (middle page).
  auto links = parse_link_header(
      "<https://api.github.com/repositories/1296269/pulls?state=all&sort=created&direction=asc"
      "&per_page=100&page=3>; rel=\"next\", "
      "<https://api.github.com/repositories/1296269/pulls?state=all&sort=created&direction=asc"
      "&per_page=100&page=14>; rel=\"last\", "
      "<https://api.github.com/repositories/1296269/pulls?state=all&sort=created&direction=asc"
      "&per_page=100&page=1>; rel=\"first\", "
      "<https://api.github.com/repositories/1296269/pulls?state=all&sort=created&direction=asc"
      "&per_page=100&page=1>; rel=\"prev\"");
  ASSERT_EQ(links.size(), 4u);
  EXPECT_EQ(links.at("next"),
            "https://api.github.com/repositories/1296269/pulls?state=all&sort=created&direction=asc"
            "&per_page=100&page=3");
  EXPECT_EQ(page_param(links.at("last")), 14);
  EXPECT_EQ(page_param(links.at("first")), 1);
  EXPECT_EQ(page_param(links.at("prev")), 1);
}

TEST(LinkHeader, ToleratesSpacingOrderCaseAndMissingQuotes) {
  auto links = parse_link_header(
      "  <https://x/a?page=5>;rel=last ,<https://x/a?page=2> ;  REL = \"Next\"  ,");
  EXPECT_EQ(links.at("last"), "https://x/a?page=5");
  EXPECT_EQ(links.at("next"), "https://x/a?page=2");
}

TEST(LinkHeader, SeveralRelsAndOtherParameters) {
  auto links = parse_link_header(
      R"(<https://x/p?page=1>; title="a, b; c"; rel="first prev", <https://x/p?page=9>; rel="last")");
  EXPECT_EQ(links.at("first"), "https://x/p?page=1");
  EXPECT_EQ(links.at("prev"), "https://x/p?page=1");
  EXPECT_EQ(links.at("last"), "https://x/p?page=9");
}

TEST(LinkHeader, UnknownRelsAreKeptAndHarmless) {
  auto links =
      parse_link_header(R"(<https://x/y>; rel="alternate", <https://x/z?page=2>; rel="next")");
  EXPECT_EQ(links.at("alternate"), "https://x/y");
  EXPECT_EQ(links.at("next"), "https://x/z?page=2");
}

TEST(LinkHeader, OnlyTheFirstRelParameterCounts) {
  auto links = parse_link_header(R"(<https://x/a>; rel="next"; rel="last")");
  EXPECT_EQ(links.count("next"), 1u);
  EXPECT_EQ(links.count("last"), 0u);
}

TEST(LinkHeader, MalformedPartsAreSkippedNotThrown) {
  EXPECT_TRUE(parse_link_header("").empty());
  EXPECT_TRUE(parse_link_header("garbage").empty());
  EXPECT_TRUE(parse_link_header("<https://x/unterminated; rel=\"next\"").empty());
  EXPECT_TRUE(parse_link_header("<https://x/no-rel>").empty());
  EXPECT_TRUE(parse_link_header("<>; rel=\"next\"").empty());
  auto links = parse_link_header(
      R"(junk; rel="first", <https://x/a> junk; rel="prev", <https://x/b?page=2>; rel="next")");
  EXPECT_EQ(links.size(), 1u);
  EXPECT_EQ(links.at("next"), "https://x/b?page=2");
}

TEST(LinkHeader, UrlsWithCommasAndSemicolonsSurvive) {
  auto links = parse_link_header(R"(<https://x/a?q=a,b;c&page=4>; rel="last")");
  EXPECT_EQ(links.at("last"), "https://x/a?q=a,b;c&page=4");
  EXPECT_EQ(page_param(links.at("last")), 4);
}

TEST(PageParam, FindsOnlyThePageParameter) {
  EXPECT_EQ(page_param("https://x/p?per_page=100&page=7"), 7);
  EXPECT_EQ(page_param("https://x/p?page=12&per_page=1"), 12);
  EXPECT_EQ(page_param("https://x/p?page=3#frag"), 3);
  EXPECT_EQ(page_param("https://x/p?per_page=100"), std::nullopt);
  EXPECT_EQ(page_param("https://x/p"), std::nullopt);
  EXPECT_EQ(page_param("https://x/p?page="), std::nullopt);
  EXPECT_EQ(page_param("https://x/p?page=2x"), std::nullopt);
  EXPECT_EQ(page_param("https://x/p?page=-2"), std::nullopt);
  EXPECT_EQ(page_param("https://x/p?mypage=3&page=5"), 5);
}

}  // namespace
