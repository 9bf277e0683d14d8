#pragma once
// What both engines write for a depth chunk (or a heavy PR's children),
// made safe as store/chunk_rows.hpp makes a list chunk: NUL stripped,
// timestamps checked, duplicates collapsed, rows ordered by github_id.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/store/depth_store.hpp"
#include "store/chunk_rows.hpp"

namespace backfill::store {

struct DetailRow {
  std::int64_t pull_github_id = 0;
  std::int64_t additions = 0, deletions = 0, changed_files = 0, commits_count = 0;
  std::int64_t comments_count = 0, reviews_count = 0;
  std::optional<std::int64_t> merged_by_github_id;
  std::optional<std::string> review_decision;
};

struct ReviewRow {
  std::int64_t github_id = 0;
  std::int64_t pull_github_id = 0;
  std::optional<std::int64_t> author_github_id;
  std::string state;
  std::optional<std::string> body;
  std::optional<std::string> submitted_at;
};

struct CommentRow {
  std::int64_t github_id = 0;
  std::string kind;  // issue, review
  std::int64_t pull_github_id = 0;
  std::int64_t pull_number = 0;
  std::optional<std::int64_t> author_github_id;
  std::optional<std::string> body;
  std::optional<std::string> created_at;
  std::optional<std::string> updated_at;
  std::optional<std::string> path;
  std::optional<std::int64_t> line;
  std::optional<std::int64_t> review_github_id;
  std::optional<std::int64_t> in_reply_to_github_id;
};

struct DeepRows {
  ChunkRows base;  // authors (every one of them), PRs, cursor, now
  std::vector<DetailRow> details;
  std::vector<ReviewRow> reviews;
  std::vector<CommentRow> comments;
};

// Throws FatalError naming the PR for a timestamp not in the stored form.
DeepRows deep_rows(const std::vector<DeepPullRequest>& pulls, const std::string& cursor,
                   const std::string& now);

}  // namespace backfill::store
