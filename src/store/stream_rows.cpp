#include "store/stream_rows.hpp"

#include <map>
#include <utility>

#include "backfill/core/errors.hpp"
#include "store/error_text.hpp"
#include "store/timestamp.hpp"

namespace backfill::store {
namespace {

std::optional<std::string> checked_time(const RepositoryComment& item, const char* what,
                                        const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (!is_utc_timestamp(text)) {
    throw FatalError("review comment " + std::to_string(item.comment.github_id) +
                     " of pull request #" + std::to_string(item.pull_number) + ": " + what +
                     " is not a UTC date-time (YYYY-MM-DDTHH:MM:SSZ): \"" +
                     short_error(strip_nul(text), 40) + "\"");
  }
  return text;
}

}  // namespace

StreamRows stream_rows(const std::vector<RepositoryComment>& comments) {
  std::map<std::int64_t, AuthorRow> authors;
  std::map<std::pair<std::string, std::int64_t>, CommentRow> rows;
  for (const auto& item : comments) {
    const Comment& c = item.comment;
    CommentRow row;
    if (c.author) {
      const Contributor& who = *c.author;
      authors[who.github_id] = AuthorRow{who.github_id, strip_nul(who.login),
                                         strip_nul(who.avatar_url), strip_nul(who.type)};
      row.author_github_id = who.github_id;
    }
    row.github_id = c.github_id;
    row.kind = to_string(c.kind);
    row.pull_number = item.pull_number;
    row.body = strip_nul(c.body);
    row.created_at = checked_time(item, "created_at", c.created_at);
    row.updated_at = checked_time(item, "updated_at", c.updated_at);
    row.path = strip_nul(c.path);
    row.line = c.line;
    row.review_github_id = c.review_github_id;
    row.in_reply_to_github_id = c.in_reply_to_github_id;
    rows[{row.kind, row.github_id}] = std::move(row);
  }
  StreamRows out;
  for (auto& [id, a] : authors) out.authors.push_back(std::move(a));
  for (auto& [key, c] : rows) out.comments.push_back(std::move(c));
  return out;
}

}  // namespace backfill::store
