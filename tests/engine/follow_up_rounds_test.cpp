// The round planner of follow-ups (engine/follow_up_rounds.hpp): every PR
// still having more takes a slot of the next round with its own cursors; a
// PR done or gone leaves the rounds; a cursor that does not move ends in
// FatalError naming the PR.
#include "engine/follow_up_rounds.hpp"

#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"

namespace backfill::engine {
namespace {

using github::ChildConnection;
using github::GraphqlChildren;

ChildConnection more(std::int64_t total, const std::string& cursor) {
  return {total, true, cursor};
}
ChildConnection done(std::int64_t total) { return {total, false, std::nullopt}; }

GraphqlChildren reply(ChildConnection reviews, ChildConnection comments) {
  GraphqlChildren r;
  r.found = true;
  r.reviews = std::move(reviews);
  r.comments = std::move(comments);
  return r;
}

TEST(FollowUpRounds, EveryPullRequestWithMoreSharesTheRoundWithItsOwnCursors) {
  FollowUpRounds rounds({{7, "PR_7", more(250, "r7a"), done(3)},
                         {8, "PR_8", done(10), more(150, "c8a")},
                         {9, "PR_9", more(300, "r9a"), more(420, "c9a")}});
  auto round = rounds.next_round();
  ASSERT_EQ(round, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(rounds.slot(0).node_id, "PR_7");
  EXPECT_EQ(rounds.slot(0).reviews_after, "r7a");
  EXPECT_FALSE(rounds.slot(0).comments_after.has_value());  // done: not asked for
  EXPECT_FALSE(rounds.slot(1).reviews_after.has_value());
  EXPECT_EQ(rounds.slot(1).comments_after, "c8a");
  EXPECT_EQ(rounds.slot(2).reviews_after, "r9a");
  EXPECT_EQ(rounds.slot(2).comments_after, "c9a");

  rounds.answered(0, reply(more(250, "r7b"), done(0)));
  rounds.answered(1, reply(done(0), done(150)));  // #8 is done
  rounds.answered(2, reply(more(300, "r9b"), more(420, "c9b")));
  EXPECT_FALSE(rounds.has_more(1));
  // The kind not asked for keeps where it stood (#7's comments stay done).
  round = rounds.next_round();
  ASSERT_EQ(round, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(rounds.slot(0).reviews_after, "r7b");
  EXPECT_FALSE(rounds.slot(0).comments_after.has_value());
  EXPECT_EQ(rounds.slot(2).comments_after, "c9b");

  rounds.answered(0, reply(done(250), done(0)));
  rounds.answered(2, reply(done(300), more(420, "c9c")));
  // #9 goes on alone, for its comments only.
  round = rounds.next_round();
  ASSERT_EQ(round, (std::vector<std::size_t>{2}));
  EXPECT_FALSE(rounds.slot(2).reviews_after.has_value());
  EXPECT_EQ(rounds.slot(2).comments_after, "c9c");
  rounds.answered(2, reply(done(0), done(420)));
  EXPECT_TRUE(rounds.next_round().empty());
  for (std::size_t i = 0; i < 3; ++i) EXPECT_FALSE(rounds.gone(i));
}

TEST(FollowUpRounds, APullRequestGoneEndsOnlyItsOwnFollowUps) {
  FollowUpRounds rounds(
      {{1, "PR_1", more(500, "r1"), done(0)}, {2, "PR_2", more(500, "r2"), done(0)}});
  ASSERT_EQ(rounds.next_round().size(), 2u);
  rounds.answered(0, GraphqlChildren{});  // not found: deleted meanwhile
  rounds.answered(1, reply(more(500, "r2b"), done(0)));
  EXPECT_TRUE(rounds.gone(0));
  EXPECT_FALSE(rounds.has_more(0));
  EXPECT_EQ(rounds.next_round(), (std::vector<std::size_t>{1}));
  EXPECT_EQ(rounds.slot(1).reviews_after, "r2b");
  rounds.answered(1, reply(done(500), done(0)));
  EXPECT_TRUE(rounds.next_round().empty());
  EXPECT_FALSE(rounds.gone(1));
}

TEST(FollowUpRounds, MorePullRequestsThanSlotsWaitForTheNextRound) {
  std::vector<PullFollowUp> pulls;
  for (int n = 0; n < 5; ++n)
    pulls.push_back({n, "PR_" + std::to_string(n), more(150, "r"), done(0)});
  FollowUpRounds rounds(std::move(pulls), 2);
  EXPECT_EQ(rounds.next_round(), (std::vector<std::size_t>{0, 1}));
  rounds.answered(0, reply(done(150), done(0)));
  rounds.answered(1, reply(done(150), done(0)));
  EXPECT_EQ(rounds.next_round(), (std::vector<std::size_t>{2, 3}));
  rounds.answered(2, reply(done(150), done(0)));
  rounds.answered(3, reply(more(150, "r3"), done(0)));
  EXPECT_EQ(rounds.next_round(), (std::vector<std::size_t>{3, 4}));
  EXPECT_THROW(FollowUpRounds({}, 0), std::invalid_argument);
  EXPECT_THROW(FollowUpRounds({}, github::kFollowUpSlots + 1), std::invalid_argument);
}

TEST(FollowUpRounds, ACursorThatDoesNotMoveEndsInAFatalErrorNamingThePullRequest) {
  // 150 reviews: the page brought 100, one follow-up brings the rest; a
  // listing that says "more" for ever is cut off after what the count
  // allows (150 / 100 + 2 rounds), while the other PR goes on.
  FollowUpRounds rounds(
      {{5, "PR_5", done(0), more(20000, "c")}, {6, "PR_6", more(150, "same"), done(0)}});
  int rounds_of_six = 0;
  try {
    for (auto round = rounds.next_round(); !round.empty(); round = rounds.next_round()) {
      for (const std::size_t i : round) {
        if (i == 1) ++rounds_of_six;
        rounds.answered(
            i, i == 1 ? reply(more(150, "same"), done(0)) : reply(done(0), more(20000, "c")));
      }
    }
    FAIL() << "no FatalError";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("#6"), std::string::npos) << e.what();
  }
  EXPECT_EQ(rounds_of_six, 150 / 100 + 2 + 1);

  // A next page without a cursor is no listing either.
  FollowUpRounds no_cursor({{3, "PR_3", {300, true, std::nullopt}, done(0)}});
  EXPECT_THROW(no_cursor.next_round(), FatalError);
}

}  // namespace
}  // namespace backfill::engine
