#include "engine/review_comment_refresh.hpp"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "backfill/engine/page_trail.hpp"
#include "backfill/github/review_comments.hpp"

namespace backfill::engine {

bool refresh_pull_review_comments(const RepoName& repo, const std::string& repository_id,
                                  std::int64_t pull_number, ReviewCommentRefreshDeps deps,
                                  ReviewCommentRefreshTally& tally) {
  const std::string what = "GET review comments of #" + std::to_string(pull_number);
  const std::int64_t requests_before = deps.client.requests_made();
  const auto count_requests = [&] {
    tally.requests += deps.client.requests_made() - requests_before;
  };
  std::vector<std::int64_t> on_github;
  const auto stop_if_asked = [&] {
    if (deps.stop_if_asked) deps.stop_if_asked();
  };
  try {
    stop_if_asked();
    github::ReviewCommentPage page = deps.runner.run(what, deps.client.last_rate_limit(), [&] {
      return github::list_pull_review_comments(deps.client, repo, pull_number);
    });
    // GitHub's rel="last" bounds the pages (with PageTrail's margin for
    // comments added meanwhile): a Link that loops ends the refresh.
    PageTrail trail(page.last_page.value_or(page.page) * github::kPageSize);
    trail.worked_on(page.url);
    while (true) {
      store::PullReviewCommentsWrite write;
      write.repository_id = repository_id;
      write.pull_number = pull_number;
      for (const auto& item : page.items) on_github.push_back(item.comment.github_id);
      tally.written += static_cast<std::int64_t>(page.items.size());
      write.comments = std::move(page.items);
      if (!page.next_url) write.on_github = on_github;
      write.now = format_iso8601(deps.clock.now());
      tally.deleted += deps.store.write_pull_review_comments(write);
      if (!page.next_url) break;
      const std::string next = *page.next_url;
      trail.check_next(page.page, next);
      stop_if_asked();
      page = deps.runner.run(what + " (next page)", deps.client.last_rate_limit(),
                             [&] { return github::fetch_review_comments(deps.client, next); });
      trail.worked_on(next);
    }
  } catch (const github::GitHubError& e) {
    count_requests();
    if (e.kind() != github::ErrorKind::kNotFound) throw;
    spdlog::info("{}: pull request #{} is gone from GitHub; its stored review comments stay",
                 repo.full(), pull_number);
    return false;
  } catch (...) {
    count_requests();
    throw;
  }
  count_requests();
  return true;
}

}  // namespace backfill::engine
