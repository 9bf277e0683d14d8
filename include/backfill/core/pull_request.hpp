#pragma once
// A pull request as backfill stores it, whichever GitHub API it came from:
// the REST listing (github/pull_request.hpp parses it) or, later, GraphQL.
// The store's rows are made from this, never from a wire format.
#include <cstdint>
#include <optional>
#include <string>

namespace backfill {

struct Contributor {
  std::int64_t github_id = 0;
  std::string login;
  std::string avatar_url;
  std::string type;  // "User", "Bot", "Organization"
};

struct PullRequest {
  std::int64_t github_id = 0;
  std::int64_t number = 0;
  std::string title;
  std::optional<std::string> body;  // null on GitHub when empty
  std::string state;                // "open" | "closed"
  bool draft = false;
  std::optional<Contributor> author;  // null for deleted ("ghost") accounts
  std::string created_at;             // ISO-8601 UTC, as GitHub sends it
  std::string updated_at;
  std::optional<std::string> closed_at;
  std::optional<std::string> merged_at;
  std::optional<std::string> merge_commit_sha;
  std::string head_ref;
  std::string base_ref;
  std::string html_url;
};

}  // namespace backfill
