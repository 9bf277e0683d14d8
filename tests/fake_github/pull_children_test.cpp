// The generated depth of pull requests: counts in their ranges, heavy PRs,
// GitHub's invariants, ids, threads and times.
#include <gtest/gtest.h>

#include <set>

#include "fake_github/pull_children.hpp"

namespace fake_github {
namespace {

TEST(PullChildren, UsualCountsStayInTheirRangesAndVary) {
  GenerateOptions options;
  options.seed = 11;
  std::set<std::int64_t> comments;
  for (std::int64_t n = 1; n <= 400; ++n) {
    const ChildCounts counts = generated_child_counts(options, n);
    EXPECT_GE(counts.comments, 0);
    EXPECT_LE(counts.comments, 12);
    EXPECT_LE(counts.reviews, 8);
    EXPECT_LE(counts.review_comments, 10);
    if (counts.review_comments > 0) {
      EXPECT_GE(counts.reviews, 1);
    }
    comments.insert(counts.comments);
    EXPECT_EQ(counts, generated_child_counts(options, n));  // deterministic
  }
  EXPECT_EQ(comments.size(), 13u);
}

TEST(PullChildren, HeavyShareGivesThatShareHeavyPulls) {
  GenerateOptions options;
  options.heavy_share = 0.25;
  int heavy = 0;
  for (std::int64_t n = 1; n <= 2000; ++n) {
    const ChildCounts counts = generated_child_counts(options, n);
    if (counts.comments >= 150) {
      ++heavy;
      EXPECT_GE(counts.reviews, 150);
      EXPECT_GE(counts.review_comments, 150);
      EXPECT_LT(counts.comments, 200);
    }
  }
  EXPECT_GT(heavy, 400);
  EXPECT_LT(heavy, 600);
}

TEST(PullChildren, NormalizedKeepsGitHubsInvariants) {
  EXPECT_EQ(normalized({5, 0, 3}), (ChildCounts{5, 1, 3}));
  EXPECT_EQ(normalized({-1, 2, 0}), (ChildCounts{0, 2, 0}));
  EXPECT_EQ(normalized({5'000'000, 0, 0}).comments, kMaxChildren);
}

TEST(PullChildren, IdsAreUniqueAbove32BitsAndExactInJson) {
  std::set<std::int64_t> ids;
  for (const auto kind :
       {ChildKind::kIssueComment, ChildKind::kReview, ChildKind::kReviewComment}) {
    for (std::int64_t repository : {std::int64_t{10'001}, std::int64_t{10'002}}) {
      for (std::int64_t number : {std::int64_t{1}, std::int64_t{2}, std::int64_t{99'999}}) {
        for (std::int64_t index : {std::int64_t{0}, std::int64_t{1}, kMaxChildren}) {
          const std::int64_t id = child_id(kind, repository, number, index);
          EXPECT_GT(id, 2'147'483'647);
          EXPECT_LT(id, std::int64_t{1} << 53);
          EXPECT_TRUE(ids.insert(id).second) << id;
        }
      }
    }
  }
}

TEST(PullChildren, ThreadsGroupCommentsWithTheirReplies) {
  EXPECT_EQ(thread_count(0), 0);
  EXPECT_EQ(thread_count(1), 1);
  EXPECT_EQ(thread_count(2), 2);
  EXPECT_EQ(thread_count(3), 2);
  EXPECT_EQ(thread_count(5), 4);
  std::int64_t covered = 0;
  for (std::int64_t t = 0; t < thread_count(100); ++t) {
    const ThreadSpan span = thread_span(100, t);
    EXPECT_EQ(span.first, covered);
    covered += span.size;
  }
  EXPECT_EQ(covered, 100);

  ChildContext context;
  context.repository_id = 10'001;
  context.pull.number = 4;
  context.pull.created_at = 1'000'000;
  context.pull.updated_at = 2'000'000;
  context.counts = {0, 2, 6};
  context.user_count = 300;
  const ReviewComment reply = review_comment(context, 2);
  EXPECT_EQ(reply.reply_to_index, 1);
  EXPECT_EQ(reply.thread_index, review_comment(context, 1).thread_index);
  EXPECT_EQ(reply.path, review_comment(context, 1).path);
  EXPECT_EQ(review_comment(context, 0).reply_to_index, -1);
  EXPECT_LT(review_comment(context, 5).review_index, 2);
}

TEST(PullChildren, ChildrenHappenWhileThePullIsOpenInIndexOrder) {
  ChildContext context;
  context.repository_id = 10'001;
  context.pull.number = 9;
  context.pull.created_at = 1'000'000;
  context.pull.closed_at = 1'500'000;
  context.pull.updated_at = 1'500'045;
  context.counts = {50, 0, 0};
  context.user_count = 300;
  std::int64_t previous = context.pull.created_at;
  int ghosts = 0;
  for (std::int64_t i = 0; i < 50; ++i) {
    const Child comment = issue_comment(context, i);
    EXPECT_GE(comment.created_at, previous);
    EXPECT_LE(comment.created_at, context.pull.closed_at);
    EXPECT_GE(comment.updated_at, comment.created_at);
    EXPECT_LE(comment.updated_at, context.pull.updated_at);
    previous = comment.created_at;
    if (comment.user_index < 0) ++ghosts;
  }
  EXPECT_LT(ghosts, 50);
}

}  // namespace
}  // namespace fake_github
