#include "engine/review_comment_stream.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backfill/engine/page_trail.hpp"
#include "backfill/github/review_comments.hpp"
#include "engine/prefetch.hpp"

namespace backfill::engine {
namespace {

class ReviewCommentStream {
 public:
  ReviewCommentStream(const ReviewCommentStreamParams& params, ReviewCommentStreamDeps deps)
      : params_(params), deps_(deps) {}

  ReviewCommentStreamEnd run() {
    auto first = first_page();
    if (!first) return stopped_;
    github::ReviewCommentPage page = std::move(*first);
    PageTrail trail(page.last_page.value_or(page.page) * github::kPageSize);
    trail.worked_on(page.url);
    while (true) {
      // The write runs while the next page is fetched (engine/prefetch.hpp):
      // what it needs from the client is read here, before the fetch starts.
      store::StreamPageWrite write = prepare(page);
      const std::optional<std::string> next_url = page.next_url;
      const auto store_page = [&] { deps_.store.write_stream_page(write); };
      const auto written = [&] { committed(write); };
      std::optional<github::ReviewCommentPage> next;
      if (next_url && !params_.stop_reason(1)) {
        next = fetch_while_writing(store_page, written,
                                   [&] { return fetch_next(page, *next_url, trail); });
      } else {
        store_page();
        written();
      }
      if (!next_url) return {true, PauseKind::kNone, {}};
      // A prefetched page is dropped when the run stops after this one.
      if (auto stop = params_.stop_reason(0)) return {false, stop->first, stop->second};
      if (!next) next = fetch_next(page, *next_url, trail);
      page = std::move(*next);
    }
  }

 private:
  // The page to start from, stepping back over pages that start past the
  // last stored comment; nullopt when a stop came first (stopped_ says why).
  std::optional<github::ReviewCommentPage> first_page() {
    const auto& progress = params_.progress;
    // GitHub's ids are positive: 0 stands for none.
    const std::int64_t last_id = progress ? progress->last_github_id.value_or(0) : 0;
    for (long number = review_comment_resume_page(progress);; --number) {
      if (auto stop = params_.stop_reason(0)) {
        stopped_ = {false, stop->first, stop->second};
        return std::nullopt;
      }
      auto page = fetch("GET review comments page " + std::to_string(number), 1, [&] {
        return github::list_review_comments(deps_.client, params_.repo, number);
      });
      const std::int64_t first_id = page.items.empty() ? 0 : page.items.front().comment.github_id;
      if (!review_comment_page_is_behind(number, last_id, first_id)) return page;
      spdlog::info("{}: review comments were deleted since the last run; stepping back to page {}",
                   params_.repo.full(), number - 1);
    }
  }

  template <class Call>
  github::ReviewCommentPage fetch(const std::string& what, long pages_left, Call&& call) {
    deps_.runner.set_requests_needed(pages_left);
    return deps_.runner.run(what, deps_.client.last_rate_limit(), std::forward<Call>(call));
  }

  github::ReviewCommentPage fetch_next(const github::ReviewCommentPage& page,
                                       const std::string& next, PageTrail& trail) {
    trail.check_next(page.page, next);
    // Pacing needs the pages left, when GitHub said how many there are.
    const long left = page.last_page ? std::max<long>(1, *page.last_page - page.page) : 1;
    auto fetched = fetch("GET review comments (next page)", left,
                         [&] { return github::fetch_review_comments(deps_.client, next); });
    trail.worked_on(next);
    return fetched;
  }

  // The page's write, with its cursor and metrics; the comments are moved
  // out of `page`.
  store::StreamPageWrite prepare(github::ReviewCommentPage& page) {
    store::StreamPageWrite write;
    write.key = params_.key;
    write.page = page.page;
    for (const auto& item : page.items) {
      write.last_github_id =
          std::max(write.last_github_id.value_or(item.comment.github_id), item.comment.github_id);
    }
    write.ended = !page.next_url;
    write.now = format_iso8601(deps_.clock.now());
    write.metrics = params_.metrics(static_cast<int>(page.items.size()));
    // The REST budget, which the stream spends, whatever the scope's pass spent.
    const auto& rest = deps_.client.last_rate_limit();
    write.metrics.rate_limit_remaining = rest.remaining;
    write.metrics.rate_limit_reset_at.reset();
    if (const auto reset = rest.reset_time()) {
      write.metrics.rate_limit_reset_at = format_iso8601(*reset);
    }
    // A REST request costs one point; those of this page, retries and
    // step-backs included (the prefetch of the next page counts for it).
    write.points = deps_.client.requests_made() - requests_at_commit_;
    requests_at_commit_ = deps_.client.requests_made();
    write.comments = std::move(page.items);
    return write;
  }

  void committed(const store::StreamPageWrite& write) {
    spdlog::debug("{}: review comments page {} committed ({} comments)", params_.repo.full(),
                  write.page, write.comments.size());
    params_.committed();
  }

  const ReviewCommentStreamParams& params_;
  ReviewCommentStreamDeps deps_;
  std::int64_t requests_at_commit_ = deps_.client.requests_made();
  ReviewCommentStreamEnd stopped_;
};

}  // namespace

long review_comment_resume_page(const std::optional<store::StreamProgress>& progress) {
  if (!progress) return 1;
  return std::max<long>(1, progress->page);
}

bool review_comment_page_is_behind(long page, std::int64_t last_stored_id,
                                   std::int64_t first_id_on_page) {
  if (page <= 1) return false;
  if (first_id_on_page == 0) return true;  // past the end now: deletions moved it back
  return last_stored_id != 0 && first_id_on_page > last_stored_id;
}

ReviewCommentStreamEnd run_review_comment_stream(const ReviewCommentStreamParams& params,
                                                 ReviewCommentStreamDeps deps) {
  return ReviewCommentStream(params, deps).run();
}

}  // namespace backfill::engine
