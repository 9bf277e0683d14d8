#pragma once
// What we keep of GitHub's "Pull Request Simple" (GET /repos/{o}/{r}/pulls).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backfill::github {

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

// Parses one page of the pulls listing (a JSON array). Fields that the schema
// allows to be absent or null are tolerated; a body that is not a JSON array,
// or an item without `id`/`number`, throws std::runtime_error (the caller
// treats it as a truncated/garbled reply and retries).
std::vector<PullRequest> parse_pull_page(std::string_view json_text);

}  // namespace backfill::github
