#pragma once
// What both engines write for one chunk, already made safe to write: NUL
// characters stripped (PostgreSQL text cannot hold them; SQLite does the same
// so that both engines store identical text), duplicates collapsed (an
// upsert may touch a row only once per statement) and rows ordered by
// github_id (concurrent writers then lock shared contributor rows in the same
// order and cannot deadlock).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/core/pull_request.hpp"
#include "backfill/store/store.hpp"

namespace backfill::store {

// Removes every '\0'; every other byte (emoji included) is kept as is.
std::string strip_nul(std::string_view text);
inline std::string strip_nul(const std::string& text) { return strip_nul(std::string_view(text)); }
std::optional<std::string> strip_nul(const std::optional<std::string>& text);

struct AuthorRow {
  std::int64_t github_id = 0;
  std::string login;
  std::string avatar_url;
  std::string type;
};

struct PullRow {
  std::int64_t github_id = 0;
  std::int64_t number = 0;
  std::string title;
  std::optional<std::string> body;
  std::string state;
  bool draft = false;
  std::optional<std::int64_t> author_github_id;  // nullopt: deleted account
  // Timestamps: nullopt when GitHub sent none (an empty string is no time).
  std::optional<std::string> created_at;
  std::optional<std::string> updated_at;
  std::optional<std::string> closed_at;
  std::optional<std::string> merged_at;
  std::optional<std::string> merge_commit_sha;
  std::string head_ref;
  std::string base_ref;
  std::string html_url;
};

struct ChunkRows {
  std::vector<AuthorRow> authors;  // distinct, by github_id
  std::vector<PullRow> pulls;      // distinct (the last occurrence wins), by github_id
  std::string cursor;
  std::string now;
};

// Throws FatalError, naming the pull request, for a timestamp that is
// neither empty nor "YYYY-MM-DDTHH:MM:SSZ" (store/timestamp.hpp).
ChunkRows chunk_rows(const ChunkWrite& chunk);

}  // namespace backfill::store
