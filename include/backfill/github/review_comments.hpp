#pragma once
// The repository-wide listing of inline review comments,
// GET /repos/{o}/{r}/pulls/comments?per_page=100: 100 comments per request,
// by id ascending (GitHub's default order without `sort`), so new comments
// are appended at the end and a page position stays meaningful between runs.
// One call, one request, through GitHubClient (origin checks, body caps);
// retrying is the caller's (engine/request_runner.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/pull_request_depth.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/github/client.hpp"

namespace backfill::github {

struct ReviewCommentPage {
  long page = 1;    // the page number fetched
  std::string url;  // the URL it was fetched from
  std::vector<RepositoryComment> items;
  std::optional<std::string> next_url;  // Link rel="next", as given
  std::optional<long> last_page;        // Link rel="last"'s page number
};

// Page `page` (1-based) of the listing.
ReviewCommentPage list_review_comments(GitHubClient& client, const RepoName& repo, long page);
// Page `page` of one PR's review comments,
// GET /repos/{o}/{r}/pulls/{number}/comments?per_page=100 (by id ascending,
// the same items as the repository-wide listing); a refresh of a depth
// scope replaces the PR's stored ones with them.
ReviewCommentPage list_pull_review_comments(GitHubClient& client, const RepoName& repo,
                                            std::int64_t number, long page = 1);
// Follows a rel="next" URL exactly as GitHub gave it.
ReviewCommentPage fetch_review_comments(GitHubClient& client, const std::string& url);

}  // namespace backfill::github
