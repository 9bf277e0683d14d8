#include "engine/list_pass.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backfill/core/clock.hpp"
#include "backfill/engine/page_trail.hpp"
#include "engine/prefetch.hpp"

namespace backfill::engine {
namespace {

using github::PullPage;

class ListPass {
 public:
  ListPass(const ListPassParams& params, ListPassDeps deps)
      : params_(params),
        deps_(deps),
        cursor_(params.cursor),
        total_processed_(params.total_processed) {}

  ListPassEnd run() {
    auto [page, start] = first_page();
    // Only pages worked on count: the ones a resume stepped back over were
    // merely looked at, and their next links lead back to them.
    PageTrail trail(params_.total_expected);
    trail.worked_on(page.url);
    while (true) {
      const auto& items = page.items;
      std::optional<PullPage> next;
      std::size_t begin = start;
      while (begin < items.size()) {
        if (auto stop = params_.stop_reason(0)) return paused(*stop);
        const std::size_t end = std::min(items.size(), begin + params_.chunk_size());
        const PendingChunk chunk = prepare_chunk(page, begin, end);
        params_.writing();
        // The page's last chunk is written while the next page is fetched,
        // unless the run stops after it.
        if (end == items.size() && page.next_url && !params_.stop_reason(1)) {
          std::int64_t total = 0;
          next = fetch_while_writing([&] { total = deps_.store.upsert_chunk(chunk.write); },
                                     [&] { chunk_written(chunk, total); },
                                     [&] { return fetch_next(page, trail, chunk.prs); });
        } else {
          chunk_written(chunk, deps_.store.upsert_chunk(chunk.write));
        }
        begin = end;
      }
      if (!page.next_url) {
        // The listing's end: its position is GitHub's exact count right now.
        const auto exact = (page.page - 1) * github::kPageSize + static_cast<long>(items.size());
        return {true,
                items.empty() && page.page > 1 ? params_.total_expected : exact,
                PauseKind::kNone,
                {}};
      }
      if (!next) {
        if (auto stop = params_.stop_reason(0)) return paused(*stop);
        next = fetch_next(page, trail, 0);
      }
      page = std::move(*next);
      start = 0;
    }
  }

 private:
  static ListPassEnd paused(const std::pair<PauseKind, std::string>& stop) {
    return {false, 0, stop.first, stop.second};
  }

  // Requests the rest of the listing needs, for pacing against the budget;
  // `pending_prs`: a chunk being written meanwhile.
  void update_requests_needed(std::int64_t pending_prs) {
    const auto left =
        std::max<std::int64_t>(0, params_.total_expected - total_processed_ - pending_prs);
    deps_.runner.set_requests_needed((left + github::kPageSize - 1) / github::kPageSize + 1);
  }

  template <class Call>
  PullPage github_call(const std::string& what, Call&& call) {
    return deps_.runner.run(what, deps_.client.last_rate_limit(), std::forward<Call>(call));
  }

  PullPage fetch_page(long page) {
    update_requests_needed(0);
    return github_call("GET pulls page " + std::to_string(page),
                       [&] { return deps_.client.list_pulls(params_.repo, page); });
  }

  // The first page to work on and where on it to start. With a cursor this
  // re-fetches the page holding the last stored PR (one page at most, unless
  // deletions moved things back, in which case it steps back page by page).
  std::pair<PullPage, std::size_t> first_page() {
    if (!cursor_) return {fetch_page(1), 0};
    for (long page = cursor_->page;; --page) {
      PullPage fetched = fetch_page(page);
      Alignment a = align_page(*cursor_, fetched.items, page);
      if (a.action == Alignment::Action::kContinue) return {std::move(fetched), a.start_index};
      spdlog::info("pull requests were deleted since the last run; stepping back to page {}",
                   page - 1);
    }
  }

  // The page `page` links to next; `pending_prs` are being written meanwhile.
  PullPage fetch_next(const PullPage& page, PageTrail& trail, std::int64_t pending_prs) {
    const std::string next = *page.next_url;
    trail.check_next(page.page, next);
    update_requests_needed(pending_prs);
    PullPage fetched =
        github_call("GET pulls (next page)", [&] { return deps_.client.fetch_pulls(next); });
    trail.worked_on(next);
    return fetched;
  }

  // A list chunk ready for the store: the values the write is handed.
  struct PendingChunk {
    store::ChunkWrite write;
    Cursor cursor;
    std::int64_t prs = 0;
    long page = 0;
    std::int64_t first_number = 0;
  };

  PendingChunk prepare_chunk(const PullPage& page, std::size_t begin, std::size_t end) {
    const auto& last = page.items[end - 1];
    PendingChunk chunk;
    chunk.cursor = {page.page, static_cast<long>(end - 1), last.number, last.created_at};
    chunk.prs = static_cast<std::int64_t>(end - begin);
    chunk.page = page.page;
    chunk.first_number = page.items[begin].number;
    chunk.write.repository_id = params_.repository_id;
    chunk.write.pulls.assign(page.items.begin() + static_cast<long>(begin),
                             page.items.begin() + static_cast<long>(end));
    chunk.write.cursor = serialize_cursor(chunk.cursor);
    chunk.write.now = format_iso8601(deps_.clock.now());
    chunk.write.metrics = params_.metrics(static_cast<int>(chunk.prs));
    return chunk;
  }

  // After the store committed `chunk` (`total`: PRs stored now).
  void chunk_written(const PendingChunk& chunk, std::int64_t total) {
    total_processed_ = total;
    cursor_ = chunk.cursor;
    params_.committed(chunk.prs, total, chunk.cursor);
    spdlog::debug("{}: chunk committed (page {}, PRs #{}..#{}), {} of {} stored",
                  params_.repo.full(), chunk.page, chunk.first_number, chunk.cursor.number,
                  total_processed_, params_.total_expected);
  }

  const ListPassParams& params_;
  ListPassDeps deps_;
  std::optional<Cursor> cursor_;
  std::int64_t total_processed_ = 0;
};

}  // namespace

ListPassEnd run_list_pass(const ListPassParams& params, ListPassDeps deps) {
  return ListPass(params, deps).run();
}

}  // namespace backfill::engine
