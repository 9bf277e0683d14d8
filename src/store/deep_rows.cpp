#include "store/deep_rows.hpp"

#include <map>
#include <utility>

#include "backfill/core/errors.hpp"
#include "store/error_text.hpp"
#include "store/timestamp.hpp"

namespace backfill::store {
namespace {

std::optional<std::string> checked_time(const PullRequest& pr, const char* what,
                                        const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  if (!is_utc_timestamp(*text)) {
    throw FatalError("pull request #" + std::to_string(pr.number) + ": " + what +
                     " is not a UTC date-time (YYYY-MM-DDTHH:MM:SSZ): \"" +
                     short_error(strip_nul(*text), 40) + "\"");
  }
  return *text;
}

std::optional<std::int64_t> id_of(const std::optional<Contributor>& who) {
  if (!who) return std::nullopt;
  return who->github_id;
}

}  // namespace

DeepRows deep_rows(const std::vector<DeepPullRequest>& pulls, const std::string& cursor,
                   const std::string& now) {
  ChunkWrite list;
  list.cursor = cursor;
  list.now = now;
  list.pulls.reserve(pulls.size());
  for (const auto& deep : pulls) list.pulls.push_back(deep.pull);
  DeepRows rows;
  rows.base = chunk_rows(list);

  std::map<std::int64_t, AuthorRow> authors;
  for (auto& a : rows.base.authors) authors[a.github_id] = std::move(a);
  auto add_author = [&](const std::optional<Contributor>& who) {
    if (!who) return;
    authors[who->github_id] = AuthorRow{who->github_id, strip_nul(who->login),
                                        strip_nul(who->avatar_url), strip_nul(who->type)};
  };
  std::map<std::int64_t, DetailRow> details;
  std::map<std::int64_t, ReviewRow> reviews;
  std::map<std::pair<std::string, std::int64_t>, CommentRow> comments;
  for (const auto& deep : pulls) {
    const PullRequest& pr = deep.pull;
    const PullDetails& d = deep.details;
    add_author(d.merged_by);
    details[pr.github_id] =
        DetailRow{pr.github_id,    d.additions,        d.deletions,
                  d.changed_files, d.commits_count,    d.comments_count,
                  d.reviews_count, id_of(d.merged_by), strip_nul(d.review_decision)};
    for (const auto& r : deep.reviews) {
      add_author(r.author);
      reviews[r.github_id] =
          ReviewRow{r.github_id,       pr.github_id,
                    id_of(r.author),   strip_nul(r.state),
                    strip_nul(r.body), checked_time(pr, "a review's submitted_at", r.submitted_at)};
    }
    for (const auto& c : deep.comments) {
      add_author(c.author);
      CommentRow row;
      row.github_id = c.github_id;
      row.kind = to_string(c.kind);
      row.pull_github_id = pr.github_id;
      row.pull_number = pr.number;
      row.author_github_id = id_of(c.author);
      row.body = strip_nul(c.body);
      row.created_at = checked_time(pr, "a comment's created_at", c.created_at);
      row.updated_at = checked_time(pr, "a comment's updated_at", c.updated_at);
      row.path = strip_nul(c.path);
      row.line = c.line;
      row.review_github_id = c.review_github_id;
      row.in_reply_to_github_id = c.in_reply_to_github_id;
      comments[{row.kind, row.github_id}] = std::move(row);
    }
  }
  rows.base.authors.clear();
  for (auto& [id, a] : authors) rows.base.authors.push_back(std::move(a));
  for (auto& [id, d] : details) rows.details.push_back(std::move(d));
  for (auto& [id, r] : reviews) rows.reviews.push_back(std::move(r));
  for (auto& [key, c] : comments) rows.comments.push_back(std::move(c));
  return rows;
}

}  // namespace backfill::store
