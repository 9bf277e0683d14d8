#include "fake_github/pull_children.hpp"

#include <algorithm>
#include <array>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

std::uint64_t child_hash(std::uint64_t seed, std::int64_t id, std::uint64_t salt) {
  return mix64(seed * 0x9e3779b97f4a7c15ULL ^ mix64(static_cast<std::uint64_t>(id) + salt));
}

constexpr std::array<std::string_view, 12> kPhrases = {"Looks good to me",
                                                       "Could we add a test for this",
                                                       "Nit: naming",
                                                       "Why not reuse the existing helper",
                                                       "This breaks on \\\"empty\\\" input",
                                                       "Thanks, merging",
                                                       "LGTM 👍",
                                                       "Please rebase",
                                                       "Does this handle C:\\\\paths",
                                                       "Fixed in the next commit",
                                                       "Can you split this PR",
                                                       "What about the timeout case"};
constexpr std::array<std::string_view, 8> kFiles = {
    "src/core/retry.cpp", "src/http/client.cpp",  "src/storage/chunk.cpp", "include/api.hpp",
    "docs/README.md",     "tests/retry_test.cpp", "src/cli/main.cpp",      "scripts/build.sh"};

// Children happen between the PR's opening and its closing (or its last
// update while open) as generated, spread evenly in index order.
std::int64_t child_time(const PullRecord& pull, std::int64_t index, std::int64_t total) {
  const std::int64_t start = pull.created_at + 60;
  const std::int64_t end = std::max(start, pull.children_end);
  return start + (end - start) * (index + 1) / (total + 1);
}

Child base_child(const ChildContext& context, ChildKind kind, std::int64_t index,
                 std::int64_t total) {
  Child child;
  child.index = index;
  child.id = child_id(kind, context.repository_id, context.pull.number, index);
  const std::uint64_t h = child_hash(context.seed, child.id, 1);
  child.user_index = h % 23 == 0 ? -1 : static_cast<std::int32_t>((h >> 8) % context.user_count);
  child.created_at = child_time(context.pull, index, total);
  child.updated_at = child.created_at;
  if ((h >> 20) % 6 == 0) {
    // Edited later, never after the PR's last update as generated.
    const std::int64_t latest = std::max(child.created_at, context.pull.edits_end);
    child.updated_at =
        std::min(latest, child.created_at + 60 + static_cast<std::int64_t>((h >> 24) % 3600));
  }
  return child;
}

}  // namespace

ChildCounts generated_child_counts(const GenerateOptions& options, std::int64_t number) {
  const std::uint64_t h =
      mix64(options.seed * 0x100000001b3ULL ^ mix64(static_cast<std::uint64_t>(number) + 77));
  ChildCounts counts;
  const double unit = static_cast<double>(h >> 11) * 0x1.0p-53;
  if (options.heavy_share > 0.0 && unit < options.heavy_share) {
    const std::uint64_t extra = mix64(h + 1);
    counts.comments = options.heavy_children + static_cast<std::int64_t>(extra % 50);
    counts.reviews = options.heavy_children + static_cast<std::int64_t>((extra >> 8) % 50);
    counts.review_comments = options.heavy_children + static_cast<std::int64_t>((extra >> 16) % 50);
  } else {
    const std::uint64_t small = mix64(h + 2);
    counts.comments = static_cast<std::int64_t>(small % 13);
    counts.reviews = static_cast<std::int64_t>((small >> 8) % 9);
    counts.review_comments = static_cast<std::int64_t>((small >> 16) % 11);
  }
  return normalized(counts);
}

ChildCounts normalized(ChildCounts counts) {
  const auto clamp = [](std::int64_t n) { return std::clamp<std::int64_t>(n, 0, kMaxChildren); };
  counts.comments = clamp(counts.comments);
  counts.reviews = clamp(counts.reviews);
  counts.review_comments = clamp(counts.review_comments);
  if (counts.review_comments > 0 && counts.reviews == 0) counts.reviews = 1;
  return counts;
}

PullSize pull_size(std::uint64_t seed, std::int64_t number) {
  const std::uint64_t h =
      mix64(seed * 0x100000001b3ULL ^ mix64(static_cast<std::uint64_t>(number) + 91));
  PullSize size;
  size.changed_files = 1 + static_cast<std::int64_t>(h % 40);
  size.additions = static_cast<std::int64_t>((h >> 8) % 2000);
  size.deletions = static_cast<std::int64_t>((h >> 24) % 800);
  size.commits = 1 + static_cast<std::int64_t>((h >> 40) % 25);
  return size;
}

std::int64_t child_id(ChildKind kind, std::int64_t repository_id, std::int64_t number,
                      std::int64_t index) {
  constexpr std::int64_t kBase = 3'000'000'000;
  constexpr std::int64_t kPerKind = 200'000'000'000'000;
  const std::int64_t pull_key = (repository_id - 10'000) * 1'000'000 + number;
  return kBase + static_cast<std::int64_t>(kind) * kPerKind + pull_key * 1'000'000 + index;
}

std::string child_node_id(ChildKind kind, std::int64_t id) {
  static constexpr std::array<const char*, 3> kPrefixes = {"IC_kwDO", "PRR_kwDO", "PRRC_kwDO"};
  return kPrefixes[static_cast<std::size_t>(kind)] + std::to_string(id);
}

std::string_view review_state_name(ReviewState state) {
  switch (state) {
    case ReviewState::kApproved: return "APPROVED";
    case ReviewState::kChangesRequested: return "CHANGES_REQUESTED";
    case ReviewState::kDismissed: return "DISMISSED";
    case ReviewState::kCommented: break;
  }
  return "COMMENTED";
}

Child issue_comment(const ChildContext& context, std::int64_t index) {
  return base_child(context, ChildKind::kIssueComment, index, context.counts.comments);
}

Review review(const ChildContext& context, std::int64_t index) {
  Review result;
  static_cast<Child&>(result) =
      base_child(context, ChildKind::kReview, index, context.counts.reviews);
  const std::uint64_t h = child_hash(context.seed, result.id, 2) % 10;
  result.state = h < 4   ? ReviewState::kCommented
                 : h < 7 ? ReviewState::kApproved
                 : h < 9 ? ReviewState::kChangesRequested
                         : ReviewState::kDismissed;
  // A merged PR's last review approved it.
  if (context.pull.merged_at != 0 && index == context.counts.reviews - 1) {
    result.state = ReviewState::kApproved;
  }
  return result;
}

ReviewComment review_comment(const ChildContext& context, std::int64_t index) {
  ReviewComment result;
  static_cast<Child&>(result) =
      base_child(context, ChildKind::kReviewComment, index, context.counts.review_comments);
  const std::int64_t group = index / 3;
  const std::int64_t position = index % 3;
  result.thread_index = 2 * group + (position == 0 ? 0 : 1);
  if (position == 2) result.reply_to_index = index - 1;
  result.review_index = index % std::max<std::int64_t>(1, context.counts.reviews);
  // A reply sits on its thread's line and file.
  const std::int64_t root = position == 2 ? index - 1 : index;
  const std::uint64_t h = child_hash(
      context.seed,
      child_id(ChildKind::kReviewComment, context.repository_id, context.pull.number, root), 3);
  result.path = std::string(kFiles[h % kFiles.size()]);
  result.original_line = 1 + static_cast<std::int64_t>((h >> 8) % 400);
  result.line = result.original_line + static_cast<std::int64_t>((h >> 20) % 3);
  if (const ChildEdits* edits = context.review_comment_edits) {
    if (const auto edit = edits->find(index); edit != edits->end()) {
      result.updated_at = std::max(result.created_at, edit->second.at);
      result.revision = edit->second.revision;
    }
  }
  return result;
}

std::int64_t thread_count(std::int64_t review_comments) {
  const std::int64_t rest = review_comments % 3;
  return 2 * (review_comments / 3) + std::min<std::int64_t>(rest, 2);
}

ThreadSpan thread_span(std::int64_t review_comments, std::int64_t thread) {
  const std::int64_t first = 3 * (thread / 2) + (thread % 2);
  const std::int64_t size =
      thread % 2 == 0 ? 1 : std::min<std::int64_t>(2, review_comments - first);
  return {first, size};
}

void append_child_body_json(std::string& out, std::uint64_t seed, ChildKind kind, std::int64_t id,
                            std::int64_t revision) {
  const std::uint64_t h = child_hash(seed, id, 4 + static_cast<std::uint64_t>(kind));
  out += '"';
  out.append(kPhrases[h % kPhrases.size()]);
  if ((h >> 8) % 3 == 0) {
    out += "\\r\\n\\r\\n> ";
    out.append(kPhrases[(h >> 16) % kPhrases.size()]);
  }
  if (revision > 0) out += " (edit " + std::to_string(revision) + ")";
  out += '"';
}

std::int32_t merged_by_index(std::uint64_t seed, const PullRecord& pull, std::size_t user_count) {
  if (pull.merged_at == 0) return -1;
  return static_cast<std::int32_t>(
      mix64(seed ^ mix64(static_cast<std::uint64_t>(pull.number) + 5)) % user_count);
}

std::string_view review_decision(const ChildContext& context) {
  if (context.counts.reviews == 0) return "";
  const ReviewState last = review(context, context.counts.reviews - 1).state;
  if (last == ReviewState::kApproved) return "APPROVED";
  if (last == ReviewState::kChangesRequested) return "CHANGES_REQUESTED";
  return "REVIEW_REQUIRED";
}

}  // namespace fake_github
