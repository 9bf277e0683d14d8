#pragma once
// What a depth backfill (--with) stores about a pull request beyond the REST
// listing: its details, reviews and comments, whichever API they came from
// (GraphQL today). github_id is always REST's id (GraphQL's fullDatabaseId),
// so rows written one way or the other never hold a PR or a person twice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/pull_request.hpp"

namespace backfill {

struct PullDetails {
  std::int64_t additions = 0;
  std::int64_t deletions = 0;
  std::int64_t changed_files = 0;
  std::int64_t commits_count = 0;
  std::int64_t comments_count = 0;  // conversation comments
  std::int64_t reviews_count = 0;
  std::optional<Contributor> merged_by;
  std::optional<std::string> review_decision;  // APPROVED, CHANGES_REQUESTED, REVIEW_REQUIRED
};

struct Review {
  std::int64_t github_id = 0;
  std::optional<Contributor> author;  // null for deleted accounts
  std::string state;                  // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
  std::optional<std::string> body;
  std::optional<std::string> submitted_at;  // null while PENDING
};

enum class CommentKind { kIssue, kReview };  // conversation / inline review comment
const char* to_string(CommentKind kind);     // "issue", "review"

struct Comment {
  std::int64_t github_id = 0;
  CommentKind kind = CommentKind::kIssue;
  std::optional<Contributor> author;
  std::optional<std::string> body;
  std::string created_at;
  std::string updated_at;
  // Review comments only.
  std::optional<std::string> path;
  std::optional<std::int64_t> line;  // null when outdated
  std::optional<std::int64_t> review_github_id;
  std::optional<std::int64_t> in_reply_to_github_id;
};

// A comment from a repository-wide listing (GET /repos/{o}/{r}/pulls/comments):
// it names its pull request by number only, which may not be stored yet.
struct RepositoryComment {
  std::int64_t pull_number = 0;
  Comment comment;
};

// A pull request with what a depth scope asked for.
struct DeepPullRequest {
  PullRequest pull;
  PullDetails details;
  std::vector<Review> reviews;
  std::vector<Comment> comments;
};

}  // namespace backfill
