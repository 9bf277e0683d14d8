#include "backfill/engine/cursor.hpp"

#include <gtest/gtest.h>

using namespace backfill::engine;
using backfill::PullRequest;

namespace {
PullRequest pr(std::int64_t number) {
  PullRequest p;
  p.number = number;
  p.github_id = 1000 + number;
  char buf[32];
  std::snprintf(buf, sizeof buf, "2020-01-01T00:%02lld:00Z", static_cast<long long>(number % 60));
  p.created_at = buf;
  return p;
}
std::vector<PullRequest> prs(std::initializer_list<std::int64_t> numbers) {
  std::vector<PullRequest> out;
  for (auto n : numbers) out.push_back(pr(n));
  return out;
}
Cursor cursor_at(long page, long index, std::int64_t number) {
  return {page, index, number, pr(number).created_at};
}
}  // namespace

TEST(Cursor, SerializesAndParsesBack) {
  Cursor c{12, 49, 1234, "2021-03-04T05:06:07Z"};
  auto text = serialize_cursor(c);
  EXPECT_NE(text.find("\"page\":12"), std::string::npos);
  auto back = parse_cursor(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, c);
}

TEST(Cursor, RejectsForeignOrCorruptText) {
  EXPECT_FALSE(parse_cursor(""));
  EXPECT_FALSE(parse_cursor("page=3"));
  EXPECT_FALSE(
      parse_cursor(R"({"v":2,"per_page":100,"page":1,"index":0,"number":1,"created_at":"x"})"));
  EXPECT_FALSE(
      parse_cursor(R"({"v":1,"per_page":30,"page":1,"index":0,"number":1,"created_at":"x"})"));
  EXPECT_FALSE(
      parse_cursor(R"({"v":1,"per_page":100,"page":0,"index":0,"number":1,"created_at":"x"})"));
  EXPECT_FALSE(
      parse_cursor(R"({"v":1,"per_page":100,"page":1,"index":100,"number":1,"created_at":"x"})"));
  EXPECT_FALSE(
      parse_cursor(R"({"v":1,"per_page":100,"page":"1","index":0,"number":1,"created_at":"x"})"));
}

TEST(AlignPage, ContinuesRightAfterTheLastStoredPr) {
  auto a = align_page(cursor_at(2, 1, 12), prs({11, 12, 13, 14}), 2);
  EXPECT_EQ(a.action, Alignment::Action::kContinue);
  EXPECT_EQ(a.start_index, 2u);
}

TEST(AlignPage, LastStoredPrAtTheEndMeansNothingLeftOnThisPage) {
  auto a = align_page(cursor_at(1, 3, 14), prs({11, 12, 13, 14}), 1);
  EXPECT_EQ(a.action, Alignment::Action::kContinue);
  EXPECT_EQ(a.start_index, 4u);
}

TEST(AlignPage, StepsBackWhenDeletionsMovedUnseenItemsToAnEarlierPage) {
  // Stored up to #12; enough earlier PRs were deleted that page 2 now starts
  // after it: #13 may now sit on page 1.
  auto a = align_page(cursor_at(2, 1, 12), prs({15, 16, 17}), 2);
  EXPECT_EQ(a.action, Alignment::Action::kStepBack);
}

TEST(AlignPage, StepsBackFromAnEmptyPageBeyondTheEnd) {
  EXPECT_EQ(align_page(cursor_at(3, 0, 20), {}, 3).action, Alignment::Action::kStepBack);
}

TEST(AlignPage, OnTheFirstPageNeverStepsBack) {
  auto a = align_page(cursor_at(1, 5, 12), prs({15, 16}), 1);
  EXPECT_EQ(a.action, Alignment::Action::kContinue);
  EXPECT_EQ(a.start_index, 0u);
  auto empty = align_page(cursor_at(1, 5, 12), {}, 1);
  EXPECT_EQ(empty.action, Alignment::Action::kContinue);
  EXPECT_EQ(empty.start_index, 0u);
}

TEST(AlignPage, LastStoredPrDeletedContinuesAtTheFirstLaterOne) {
  // #12 itself was deleted: continue at #13, skip nothing, repeat nothing.
  auto a = align_page(cursor_at(2, 1, 12), prs({10, 11, 13, 14}), 2);
  EXPECT_EQ(a.action, Alignment::Action::kContinue);
  EXPECT_EQ(a.start_index, 2u);
}

TEST(AlignPage, AllItemsBeforeTheCursorMeansGoToTheNextPage) {
  auto a = align_page(cursor_at(2, 1, 20), prs({17, 18, 19}), 2);
  EXPECT_EQ(a.action, Alignment::Action::kContinue);
  EXPECT_EQ(a.start_index, 3u);
}
