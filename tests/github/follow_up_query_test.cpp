// The follow-up query for N PRs, written from its template: one aliased
// slot per PR with its own variables, the rest once. (The texts themselves
// are checked against GitHub's schema by the GraphqlQueriesValidate test.)
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "backfill/github/follow_up_query.hpp"
#include "support/occurrences.hpp"

namespace backfill::github {
namespace {

using testing::occurrences;

TEST(FollowUpQuery, OneSlotPerPullRequestWithItsOwnVariables) {
  const std::string one = follow_up_query(1);
  EXPECT_EQ(occurrences(one, "pull0: node(id: $id0)"), 1u);
  EXPECT_EQ(occurrences(one, "$id0: ID!"), 1u);
  EXPECT_EQ(occurrences(one, "after: $reviewsAfter0) @include(if: $withReviews0)"), 1u);
  EXPECT_EQ(occurrences(one, "after: $commentsAfter0) @include(if: $withComments0)"), 1u);
  EXPECT_EQ(occurrences(one, "pull1"), 0u);

  const std::string most = follow_up_query(kFollowUpSlots);
  for (int slot = 0; slot < kFollowUpSlots; ++slot) {
    const std::string n = std::to_string(slot);
    EXPECT_EQ(occurrences(most, "pull" + n + ": node(id: $id" + n + ")"), 1u) << n;
    EXPECT_EQ(occurrences(most, "$withComments" + n + ": Boolean!"), 1u) << n;
  }
  // What is not the slot's is written once; no marker is left.
  EXPECT_EQ(occurrences(most, "rateLimit {"), 1u);
  EXPECT_EQ(occurrences(most, "fragment Who on Actor"), 1u);
  EXPECT_EQ(occurrences(most, "$first: Int!"), 1u);
  EXPECT_EQ(occurrences(most, "SLOT"), 0u);
  EXPECT_EQ(occurrences(most, "#slot-"), 0u);
  EXPECT_EQ(occurrences(most, "node(id:"), static_cast<std::size_t>(kFollowUpSlots));
}

TEST(FollowUpQuery, SlotCountsOutOfRangeAndBrokenTemplatesAreRefused) {
  EXPECT_THROW(follow_up_query(0), std::invalid_argument);
  EXPECT_THROW(follow_up_query(kFollowUpSlots + 1), std::invalid_argument);
  EXPECT_THROW(follow_up_query_from("query Q { rateLimit { cost } }", 1), std::invalid_argument);
  EXPECT_THROW(follow_up_query_from("query Q {\n#slot-begin\n pSLOT: viewer { login }\n}", 1),
               std::invalid_argument);
  EXPECT_EQ(follow_up_query_from("query Q {\n  #slot-begin\n  pSLOT: viewer { login }\n"
                                 "  #slot-end\n}\n",
                                 2),
            "query Q {\n  p0: viewer { login }\n  p1: viewer { login }\n}\n");
}

TEST(FollowUpQuery, OnlySlotAliasesAreSlots) {
  EXPECT_TRUE(is_follow_up_slot_alias("pull0"));
  EXPECT_TRUE(is_follow_up_slot_alias("pull48"));
  EXPECT_FALSE(is_follow_up_slot_alias("pull"));
  EXPECT_FALSE(is_follow_up_slot_alias("pullRequests"));
  EXPECT_FALSE(is_follow_up_slot_alias("pull1x"));
  EXPECT_FALSE(is_follow_up_slot_alias("nodes"));
}

}  // namespace
}  // namespace backfill::github
