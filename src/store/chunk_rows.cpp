#include "store/chunk_rows.hpp"

#include <algorithm>
#include <map>

#include "backfill/core/errors.hpp"
#include "store/error_text.hpp"
#include "store/timestamp.hpp"

namespace backfill::store {

std::string strip_nul(std::string_view text) {
  std::string out(text);
  // Almost no text has a NUL, so find() (memchr) usually settles it.
  if (out.find('\0') != std::string::npos) {
    out.erase(std::remove(out.begin(), out.end(), '\0'), out.end());
  }
  return out;
}

std::optional<std::string> strip_nul(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return strip_nul(*text);
}

namespace {

// Empty or absent: no time. Anything else must be the one stored form, or
// the chunk is refused (by both engines alike) naming the pull request.
std::optional<std::string> timestamp(const PullRequest& pr, const char* field,
                                     const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  if (!is_utc_timestamp(*text)) {
    throw FatalError("pull request #" + std::to_string(pr.number) + ": " + field +
                     " is not a UTC date-time (YYYY-MM-DDTHH:MM:SSZ): \"" +
                     short_error(strip_nul(*text), 40) + "\"");
  }
  return *text;
}

PullRow pull_row(const PullRequest& pr) {
  PullRow row;
  row.github_id = pr.github_id;
  row.number = pr.number;
  row.title = strip_nul(pr.title);
  row.body = strip_nul(pr.body);
  row.state = strip_nul(pr.state);
  row.draft = pr.draft;
  if (pr.author) row.author_github_id = pr.author->github_id;
  row.created_at = timestamp(pr, "created_at", pr.created_at);
  row.updated_at = timestamp(pr, "updated_at", pr.updated_at);
  row.closed_at = timestamp(pr, "closed_at", pr.closed_at);
  row.merged_at = timestamp(pr, "merged_at", pr.merged_at);
  row.merge_commit_sha = strip_nul(pr.merge_commit_sha);
  row.head_ref = strip_nul(pr.head_ref);
  row.base_ref = strip_nul(pr.base_ref);
  row.html_url = strip_nul(pr.html_url);
  return row;
}

AuthorRow author_row(const Contributor& c) {
  return AuthorRow{c.github_id, strip_nul(c.login), strip_nul(c.avatar_url), strip_nul(c.type)};
}

}  // namespace

ChunkRows chunk_rows(const ChunkWrite& chunk) {
  // std::map keeps them ordered by github_id; assignment lets the last win.
  std::map<std::int64_t, AuthorRow> authors;
  std::map<std::int64_t, PullRow> pulls;
  for (const auto& pr : chunk.pulls) {
    if (pr.author) authors[pr.author->github_id] = author_row(*pr.author);
    pulls[pr.github_id] = pull_row(pr);
  }
  ChunkRows rows;
  rows.authors.reserve(authors.size());
  for (auto& [id, author] : authors) rows.authors.push_back(std::move(author));
  rows.pulls.reserve(pulls.size());
  for (auto& [id, pull] : pulls) rows.pulls.push_back(std::move(pull));
  rows.cursor = strip_nul(chunk.cursor);
  rows.now = strip_nul(chunk.now);
  return rows;
}

}  // namespace backfill::store
