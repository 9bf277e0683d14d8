#include "backfill/github/review_comments.hpp"

#include <stdexcept>

#include "backfill/core/redact.hpp"
#include "backfill/github/link_header.hpp"
#include "backfill/github/review_comment_parser.hpp"

namespace backfill::github {

ReviewCommentPage list_review_comments(GitHubClient& client, const RepoName& repo, long page) {
  return fetch_review_comments(client, client.api_url() + "/repos/" + repo.owner + "/" + repo.name +
                                           "/pulls/comments?per_page=" + std::to_string(kPageSize) +
                                           "&page=" + std::to_string(page));
}

ReviewCommentPage list_pull_review_comments(GitHubClient& client, const RepoName& repo,
                                            std::int64_t number, long page) {
  return fetch_review_comments(client, client.api_url() + "/repos/" + repo.owner + "/" + repo.name +
                                           "/pulls/" + std::to_string(number) +
                                           "/comments?per_page=" + std::to_string(kPageSize) +
                                           "&page=" + std::to_string(page));
}

ReviewCommentPage fetch_review_comments(GitHubClient& client, const std::string& url) {
  const HttpResponse response = client.get_listing(url);
  ReviewCommentPage page;
  page.page = page_param(url).value_or(1);
  page.url = url;
  try {
    page.items = parse_review_comment_page(response.body);
  } catch (const std::runtime_error& e) {
    // A 2xx that is not what GitHub documents (a proxy's page, a body cut
    // short): worth retrying, like any garbled reply.
    throw GitHubError(ErrorKind::kRetryable, response.status,
                      redact("GitHub sent an unparsable reply (" + std::to_string(response.status) +
                             " " + e.what() + ")"),
                      std::nullopt, parse_rate_limit(response.headers));
  }
  if (auto link = response.headers.get("link")) {
    const auto links = parse_link_header(*link);
    if (auto next = links.find("next"); next != links.end()) page.next_url = next->second;
    if (auto last = links.find("last"); last != links.end())
      page.last_page = page_param(last->second);
  }
  return page;
}

}  // namespace backfill::github
