#include "backfill/engine/page_trail.hpp"

#include <gtest/gtest.h>

#include "backfill/github/client.hpp"

namespace {

using backfill::engine::PageTrail;
using backfill::github::ErrorKind;
using backfill::github::GitHubError;

std::string url(long page) {
  return "https://api.github.com/repositories/1/pulls?state=all&per_page=100&page=" +
         std::to_string(page);
}

// The message of the refusal of `next` from `current`, or "" when allowed.
std::string refusal(const PageTrail& trail, long current, const std::string& next) {
  try {
    trail.check_next(current, next);
    return "";
  } catch (const GitHubError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRefused);
    return e.what();
  }
}

TEST(PageTrail, TheBoundIsGitHubsPagesPlusTenPagesAndTenPercent) {
  EXPECT_EQ(PageTrail::max_pages(0), 10);
  EXPECT_EQ(PageTrail::max_pages(1), 1 + 10 + 1);
  EXPECT_EQ(PageTrail::max_pages(250), 3 + 10 + 1);
  EXPECT_EQ(PageTrail::max_pages(100'000), 1000 + 10 + 100);
  EXPECT_EQ(PageTrail::max_pages(-5), 10);
  EXPECT_GT(PageTrail::max_pages(INT64_MAX), 0);  // clamped, no overflow
}

TEST(PageTrail, GitHubsOwnSequenceIsFollowed) {
  PageTrail trail(250);
  trail.worked_on(url(1));
  EXPECT_EQ(trail.check_next(1, url(2)), 2);
  trail.worked_on(url(2));
  EXPECT_EQ(trail.check_next(2, url(3)), 3);
}

TEST(PageTrail, ALinkToTheSamePageIsRefusedNamingIt) {
  PageTrail trail(250);
  trail.worked_on(url(2));
  const auto message = refusal(trail, 2, url(2));
  EXPECT_NE(message.find("repeats a page"), std::string::npos) << message;
  EXPECT_NE(message.find(url(2)), std::string::npos) << message;
}

TEST(PageTrail, ALinkBackwardsIsRefused) {
  PageTrail trail(500);
  trail.worked_on(url(3));
  const auto message = refusal(trail, 3, url(1) + "&x=1");  // not a URL seen before
  EXPECT_NE(message.find("goes back from page 3 to page 1"), std::string::npos) << message;
  EXPECT_NE(message.find(url(1) + "&x=1"), std::string::npos) << message;
  EXPECT_NE(refusal(trail, 3, url(3) + "&x=1"), "");  // standing still is no better
}

TEST(PageTrail, ALinkThatSkipsPagesIsRefused) {
  PageTrail trail(5000);
  trail.worked_on(url(3));
  EXPECT_NE(refusal(trail, 3, url(7)).find("skips from page 3 to page 7"), std::string::npos);
}

TEST(PageTrail, ALinkWithoutAPageNumberIsRefused) {
  PageTrail trail(500);
  trail.worked_on(url(1));
  EXPECT_NE(refusal(trail, 1, "https://api.github.com/repositories/1/pulls?after=abc")
                .find("has no page number"),
            std::string::npos);
}

TEST(PageTrail, AListingLongerThanTheCountAllowsEnds) {
  PageTrail trail(250);  // 3 pages, 14 with the margin
  for (long page = 1; page <= 14; ++page) {
    if (page > 1) {
      EXPECT_EQ(refusal(trail, page - 1, url(page)), "") << page;
    }
    trail.worked_on(url(page));
  }
  const auto message = refusal(trail, 14, url(15));
  EXPECT_NE(message.find("goes past 14 pages, more than GitHub's count of 250 pull requests"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(url(15)), std::string::npos) << message;
}

}  // namespace
