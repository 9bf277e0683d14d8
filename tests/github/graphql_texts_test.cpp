// What the program sends: each query file followed by the shared fragments,
// once each, so the page query and the follow-ups select reviews, comments
// and authors alike. (GraphqlQueriesValidate checks the same texts against
// GitHub's schema.)
#include "backfill/github/graphql_texts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "backfill/github/follow_up_query.hpp"
#include "support/occurrences.hpp"

namespace backfill::github {
namespace {

using testing::occurrences;

constexpr const char* kFragments[] = {"fragment Who on Actor",
                                      "fragment SubmittedReview on PullRequestReview",
                                      "fragment ConversationComment on IssueComment"};

TEST(GraphqlTexts, EveryQueryIsSentWithEachSharedFragmentOnce) {
  const auto names = graphql_query_names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  ASSERT_NE(std::find(names.begin(), names.end(), "pull_request_page"), names.end());
  ASSERT_NE(std::find(names.begin(), names.end(), "pull_request_children"), names.end());
  for (const auto& name : names) {
    const std::string text = graphql_query_text(name);
    for (const char* fragment : kFragments) EXPECT_EQ(occurrences(text, fragment), 1u) << name;
  }
  for (const std::string& text : {follow_up_query(1), follow_up_query(kFollowUpSlots)}) {
    for (const char* fragment : kFragments) EXPECT_EQ(occurrences(text, fragment), 1u);
  }
}

TEST(GraphqlTexts, ThePageQueryAndTheFollowUpsSpreadTheSameSelections) {
  const std::string page = graphql_query_text("pull_request_page");
  const std::string follow_up = follow_up_query(kFollowUpSlots);
  EXPECT_EQ(occurrences(page, "...SubmittedReview"), 1u);
  EXPECT_EQ(occurrences(page, "...ConversationComment"), 1u);
  EXPECT_EQ(occurrences(follow_up, "...SubmittedReview"), static_cast<std::size_t>(kFollowUpSlots));
  EXPECT_EQ(occurrences(follow_up, "...ConversationComment"),
            static_cast<std::size_t>(kFollowUpSlots));
  // A selection of its own would be a second spelling of the same rows.
  for (const std::string& text : {page, follow_up}) {
    EXPECT_EQ(occurrences(text, "submittedAt"), 1u);
  }
}

TEST(GraphqlTexts, AnUnknownQueryIsRefused) {
  EXPECT_THROW(graphql_query_text("no_such_query"), std::out_of_range);
  EXPECT_EQ(with_shared_fragments("query Q { viewer { login } }\n").rfind("query Q {", 0), 0u);
}

}  // namespace
}  // namespace backfill::github
