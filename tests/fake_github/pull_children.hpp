#pragma once
// The depth of a generated pull request: its size, conversation comments,
// reviews and review comments (grouped in threads). Like the PR itself,
// everything follows from (seed, repository id, PR number, index), so a PR
// with 20,000 comments costs nothing until a page of them is rendered.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fake_github/fake_github.hpp"
#include "fake_github/pull_generation.hpp"

namespace fake_github {

inline constexpr std::int64_t kMaxChildren = 999'999;

// The counts GenerateOptions give PR `number`.
ChildCounts generated_child_counts(const GenerateOptions& options, std::int64_t number);
// GitHub's invariants applied: within [0, kMaxChildren], and a review for
// review comments to belong to.
ChildCounts normalized(ChildCounts counts);

struct PullSize {
  std::int64_t additions = 0;
  std::int64_t deletions = 0;
  std::int64_t changed_files = 0;
  std::int64_t commits = 0;
};
PullSize pull_size(std::uint64_t seed, std::int64_t number);

enum class ChildKind { kIssueComment = 0, kReview = 1, kReviewComment = 2 };

// Ids above 2^31, like GitHub's today (so only fullDatabaseId holds them in
// GraphQL), below 2^53 (exact in any JSON parser), unique per kind.
std::int64_t child_id(ChildKind kind, std::int64_t repository_id, std::int64_t number,
                      std::int64_t index);
// "IC_kwDO…", "PRR_kwDO…", "PRRC_kwDO…": stable opaque ids of GitHub's look.
std::string child_node_id(ChildKind kind, std::int64_t id);

enum class ReviewState { kCommented, kApproved, kChangesRequested, kDismissed };
std::string_view review_state_name(ReviewState state);  // "APPROVED", ...

// A review comment edited on GitHub (FakeGitHub::edit_review_comment): when
// last, and how many times, which its body shows.
struct ChildEdit {
  std::int64_t at = 0;
  std::int64_t revision = 0;
};
using ChildEdits = std::map<std::int64_t, ChildEdit>;  // by review comment index

struct ChildContext {
  std::uint64_t seed = 0;
  std::int64_t repository_id = 0;
  PullRecord pull;
  ChildCounts counts;
  std::size_t user_count = 1;
  const ChildEdits* review_comment_edits = nullptr;  // none: never edited
};

struct Child {
  std::int64_t index = 0;
  std::int64_t id = 0;
  std::int32_t user_index = -1;  // -1: a deleted account (ghost)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t revision = 0;  // edits after the generated one
};

struct Review : Child {
  ReviewState state = ReviewState::kCommented;
};

// Review comments form threads in a fixed pattern of three: comment 3m
// alone, then 3m+1 with its reply 3m+2.
struct ReviewComment : Child {
  std::int64_t review_index = 0;
  std::int64_t reply_to_index = -1;  // -1: starts its thread
  std::int64_t thread_index = 0;
  std::int64_t line = 0;
  std::int64_t original_line = 0;
  std::string path;
};

Child issue_comment(const ChildContext& context, std::int64_t index);
Review review(const ChildContext& context, std::int64_t index);
ReviewComment review_comment(const ChildContext& context, std::int64_t index);

std::int64_t thread_count(std::int64_t review_comments);
struct ThreadSpan {
  std::int64_t first = 0;  // index of its first review comment
  std::int64_t size = 0;
};
ThreadSpan thread_span(std::int64_t review_comments, std::int64_t thread);

// A short Markdown body (a JSON string literal) for a child; an edited one
// (revision > 0) says so, so every edit changes it.
void append_child_body_json(std::string& out, std::uint64_t seed, ChildKind kind, std::int64_t id,
                            std::int64_t revision = 0);

// The user who merged a merged PR (-1 for others).
std::int32_t merged_by_index(std::uint64_t seed, const PullRecord& pull, std::size_t user_count);
// GraphQL's reviewDecision: "APPROVED", "CHANGES_REQUESTED", "REVIEW_REQUIRED",
// or "" (null) for a PR without reviews.
std::string_view review_decision(const ChildContext& context);

}  // namespace fake_github
