#include "engine/depth_pass.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/engine/budget.hpp"
#include "backfill/github/graphql_pulls.hpp"
#include "engine/child_follow_ups.hpp"
#include "engine/page_size.hpp"
#include "engine/prefetch.hpp"

namespace backfill::engine {
namespace {

class DepthPass {
 public:
  DepthPass(const DepthPassParams& params, DepthPassDeps deps)
      : params_(params), deps_(deps), page_size_(params.chunk_ceiling), cursor_(params.cursor) {}

  DepthPassEnd run() {
    total_ = params_.total_processed;
    if (auto stop = params_.stop_reason(0)) return {false, 0, stop->first, stop->second};
    github::GraphqlPullPage page = fetch_page(cursor_);
    while (true) {
      // The store is free here: the write of the chunk before has ended.
      complete_children(page);
      std::optional<github::GraphqlPullPage> next;
      if (!page.pulls.empty()) {
        const PendingChunk chunk = prepare_chunk(page);
        std::int64_t total = 0;
        const auto write = [&] { total = deps_.store.upsert_deep_chunk(chunk.write); };
        const auto written = [&] { chunk_written(chunk, total); };
        // The page size of the prefetch already knows how this page went
        // (fetch_page and its follow-ups are done); only the write is open,
        // and the size does not depend on it.
        if (page.has_next && !params_.stop_reason(1)) {
          remaining_estimate_ = std::max<std::int64_t>(
              0, page.total_count - total_ - static_cast<std::int64_t>(chunk.write.pulls.size()));
          next =
              fetch_while_writing(write, written, [&] { return fetch_page(chunk.write.cursor); });
        } else {
          write();
          written();
        }
      }
      if (!page.has_next) return {true, page.total_count, PauseKind::kNone, {}};
      remaining_estimate_ = std::max<std::int64_t>(0, page.total_count - total_);
      // A prefetched page is dropped when the run stops after the chunk.
      if (auto stop = params_.stop_reason(0)) return {false, 0, stop->first, stop->second};
      if (!next) next = fetch_page(cursor_);
      page = std::move(*next);
    }
  }

 private:
  template <class Call>
  auto graphql_call(const std::string& what, Call&& call) {
    return deps_.runner.run(what, deps_.client.last_graphql_rate_limit(), std::forward<Call>(call));
  }

  int chunk_ceiling() {
    const auto& rate = deps_.client.last_graphql_rate_limit();
    if (!rate.known()) return params_.chunk_ceiling;
    return adaptive_chunk_size(params_.chunk_ceiling, rate,
                               effective_reserve(rate, params_.min_remaining));
  }

  // A depth chunk ready for the store: the values the write is handed.
  struct PendingChunk {
    store::DeepChunkWrite write;
  };

  PendingChunk prepare_chunk(github::GraphqlPullPage& page) {
    PendingChunk chunk;
    auto& w = chunk.write;
    w.repository_id = params_.repository_id;
    w.scope = params_.scope.key();
    w.cursor = page.end_cursor.value_or("");
    w.now = format_iso8601(deps_.clock.now());
    w.metrics = params_.metrics(static_cast<int>(page.pulls.size()));
    w.points = deps_.graphql.points_used() - points_at_commit_;
    points_at_commit_ = deps_.graphql.points_used();
    w.pulls.reserve(page.pulls.size());
    for (auto& pull : page.pulls) w.pulls.push_back(std::move(pull.deep));
    return chunk;
  }

  void chunk_written(const PendingChunk& chunk, std::int64_t total) {
    total_ = total;
    cursor_ = chunk.write.cursor;
    params_.committed(static_cast<std::int64_t>(chunk.write.pulls.size()), total, cursor_.value());
  }

  github::GraphqlPullPage fetch_page(const std::optional<std::string>& after) {
    // Pacing needs the pages left (a point or two each).
    const int size_hint = std::max(1, page_size_.current(chunk_ceiling()));
    deps_.runner.set_requests_needed(remaining_estimate_ / size_hint + 1);
    auto page = graphql_call("GraphQL pull requests page", [&] {
      const int size = page_size_.current(chunk_ceiling());
      try {
        return github::fetch_pull_page(deps_.graphql, params_.repo, size, after, params_.scope);
      } catch (const github::HeavyQueryError&) {
        page_size_.too_heavy();
        spdlog::warn("{}: GraphQL page of {} PRs too heavy; asking for {} next",
                     params_.repo.full(), size, page_size_.current(chunk_ceiling()));
        throw;
      }
    });
    page_size_.succeeded();
    return page;
  }

  // Every child of every PR of the page is stored (ahead of the chunk) or
  // held in the page when it needs no follow-up (engine/child_follow_ups):
  // the page's heavy PRs share each round's query.
  void complete_children(github::GraphqlPullPage& page) {
    std::vector<github::GraphqlPull*> heavy;
    for (auto& pull : page.pulls) {
      if (needs_follow_ups(pull)) heavy.push_back(&pull);
    }
    if (heavy.empty()) return;
    store_with_follow_ups(heavy, params_.repository_id,
                          {deps_.graphql, deps_.client, deps_.runner, deps_.store, deps_.clock});
  }

  const DepthPassParams& params_;
  DepthPassDeps deps_;
  PageSize page_size_;
  std::optional<std::string> cursor_;
  std::int64_t total_ = 0;  // the scope's total_processed after the last commit
  std::int64_t points_at_commit_ = 0;
  std::int64_t remaining_estimate_ = 0;
};

}  // namespace

DepthPassParams depth_pass_params(const RunParams& run, const RepoName& repo,
                                  const std::string& repository_id,
                                  const std::optional<store::Progress>& progress) {
  DepthPassParams pass;
  pass.repo = repo;
  pass.repository_id = repository_id;
  pass.scope = run.depth;
  pass.chunk_ceiling = std::min(run.chunk_size, github::kCheapestPage);
  pass.min_remaining = run.runner.min_remaining;
  if (!run.restart && progress) {
    pass.cursor = progress->cursor;
    pass.total_processed = progress->total_processed;
  }
  return pass;
}

DepthPassEnd run_depth_pass(const DepthPassParams& params, DepthPassDeps deps) {
  return DepthPass(params, deps).run();
}

}  // namespace backfill::engine
