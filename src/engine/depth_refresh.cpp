#include "engine/depth_refresh.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backfill/core/errors.hpp"
#include "backfill/engine/budget.hpp"
#include "backfill/engine/refresh_walk.hpp"
#include "engine/child_follow_ups.hpp"
#include "engine/page_size.hpp"

namespace backfill::engine {
namespace {

std::vector<std::int64_t> ids_of(const std::vector<Review>& reviews) {
  std::vector<std::int64_t> out;
  out.reserve(reviews.size());
  for (const auto& r : reviews) out.push_back(r.github_id);
  return out;
}

// Conversation comments only: inline review comments (kind 'review') are
// another stream's, and the replacement leaves them alone.
std::vector<std::int64_t> issue_comment_ids(const std::vector<Comment>& comments) {
  std::vector<std::int64_t> out;
  out.reserve(comments.size());
  for (const auto& c : comments) {
    if (c.kind == CommentKind::kIssue) out.push_back(c.github_id);
  }
  return out;
}

void append(std::vector<std::int64_t>& to, const std::vector<std::int64_t>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

class DepthRefreshWalk {
 public:
  DepthRefreshWalk(const DepthRefreshParams& params, DepthRefreshDeps deps,
                   DepthRefreshTally& tally)
      : params_(params),
        deps_(deps),
        tally_(tally),
        page_size_(params.chunk_ceiling),
        walk_(params.old_watermark, kRefreshOverlap) {}

  void run() {
    if (!anything_new()) return;
    std::optional<std::string> cursor;
    for (std::int64_t pages = 1;; ++pages) {
      params_.stop_if_asked();
      github::GraphqlPullPage page = fetch_page(cursor);
      // GitHub's count bounds the walk (pages of at least the smallest
      // size, and a margin for PRs moving meanwhile): a cursor that does
      // not move ends the refresh, not a loop.
      const std::int64_t most_pages = page.total_count / PageSize::kMinPageSize + 10;
      if (write_page(page)) return;
      if (!page.end_cursor || pages > most_pages) {
        throw FatalError("GraphQL pull requests by update of " + params_.repo.full() +
                         " do not come to an end (more pages than its count allows)");
      }
      cursor = page.end_cursor;
    }
  }

 private:
  // The list refresh's first request, conditional on the scope's stored
  // validators: a 304 says no PR (and so no child of one) changed.
  bool anything_new() {
    github::Validators validators;
    if (params_.state) validators = {params_.state->etag, params_.state->last_modified};
    const auto before = deps_.client.requests_made();
    auto first = deps_.runner.run(
        "GET pulls by update, page 1", deps_.client.last_rate_limit(),
        [&] { return deps_.client.list_pulls_by_update(params_.repo, 1, validators); });
    tally_.rest_requests = deps_.client.requests_made() - before;
    if (!first) {
      tally_.not_modified = true;
      deps_.store.record_unchanged_refresh(params_.repository_id, params_.scope.key(), now());
      return false;
    }
    finish_.repository_id = params_.repository_id;
    finish_.scope = params_.scope.key();
    finish_.etag = first->etag;
    finish_.last_modified = first->last_modified;
    return true;
  }

  int chunk_ceiling() {
    const auto& rate = deps_.client.last_graphql_rate_limit();
    if (!rate.known()) return params_.chunk_ceiling;
    return adaptive_chunk_size(params_.chunk_ceiling, rate,
                               effective_reserve(rate, params_.min_remaining));
  }

  github::GraphqlPullPage fetch_page(const std::optional<std::string>& cursor) {
    auto page = deps_.runner.run(
        "GraphQL pull requests by update", deps_.client.last_graphql_rate_limit(), [&] {
          const int size = page_size_.current(chunk_ceiling());
          try {
            return github::fetch_pull_updates(deps_.graphql, params_.repo, size, cursor,
                                              params_.scope);
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

  // The PRs of the page above the watermark, not met before, in one
  // transaction; the last page (the watermark reached, or the listing's
  // end) with the new watermark. Returns whether it was the last.
  bool write_page(github::GraphqlPullPage& page) {
    std::vector<github::GraphqlPull> met;
    for (auto& pull : page.pulls) {
      const auto seen = walk_.meet(pull.deep.pull.github_id, pull.deep.pull.updated_at);
      if (seen == RefreshWalk::Met::kEnd) break;
      if (seen == RefreshWalk::Met::kWrite) met.push_back(std::move(pull));
    }
    const bool last = walk_.reached_end() || !page.has_next;

    // Compared before anything of the page is written (a heavy PR's row is
    // written with its first follow-up).
    std::vector<PullRequest> rows;
    std::vector<std::int64_t> ids;
    for (const auto& pull : met) {
      rows.push_back(pull.deep.pull);
      ids.push_back(pull.deep.pull.github_id);
    }
    const PullVersions versions = compare_versions(rows, deps_.store.stored_updated_at(ids));
    // Before the chunk: the watermark it may carry must not pass a PR whose
    // review comments are not replaced yet.
    if (params_.scope.comments) {
      for (const auto& pull : rows) {
        refresh_pull_review_comments(
            params_.repo, params_.repository_id, pull.number,
            {deps_.client, deps_.runner, deps_.store, deps_.clock, params_.stop_if_asked},
            tally_.review_comments);
      }
    }

    store::DepthRefreshChunk chunk;
    chunk.repository_id = params_.repository_id;
    chunk.inserted = versions.inserted;
    auto children = replace(met);
    for (std::size_t i = 0; i < met.size(); ++i) {
      if (children[i]) chunk.children.push_back(std::move(*children[i]));
      chunk.pulls.push_back(std::move(met[i].deep));
    }
    tally_.changed += versions.changed;
    if (last) {
      finish_.watermark = walk_.new_watermark() ? walk_.new_watermark() : params_.old_watermark;
      if (params_.old_watermark && finish_.watermark && *finish_.watermark < *params_.old_watermark)
        finish_.watermark = params_.old_watermark;  // never backwards
      finish_.refreshed_at = now();
      finish_.changed = tally_.changed;
      chunk.finish = finish_;
    }
    chunk.now = now();
    const store::DepthRefreshWrite written = deps_.store.write_depth_refresh_chunk(chunk);
    tally_.inserted += versions.inserted;
    tally_.prs_written += static_cast<std::int64_t>(chunk.pulls.size());
    tally_.reviews_deleted += written.reviews_deleted;
    tally_.comments_deleted += written.comments_deleted;
    if (!chunk.pulls.empty()) ++tally_.chunks;
    return last;
  }

  // The ids of each PR's children GitHub has now, every page of them. The
  // heavy PRs' pages are stored here, their rounds of follow-ups shared;
  // each then goes into the chunk without children. nullopt: the PR
  // vanished during its follow-ups, so its full set is unknown and nothing
  // of it is deleted.
  std::vector<std::optional<store::ChildrenOnGitHub>> replace(
      std::vector<github::GraphqlPull>& met) {
    std::vector<std::vector<std::int64_t>> reviews(met.size()), comments(met.size());
    const auto collect = [&](std::size_t i, const DeepPullRequest& batch) {
      append(reviews[i], ids_of(batch.reviews));
      append(comments[i], issue_comment_ids(batch.comments));
      tally_.reviews_written += static_cast<std::int64_t>(batch.reviews.size());
      tally_.comments_written += static_cast<std::int64_t>(batch.comments.size());
    };
    std::vector<github::GraphqlPull*> heavy;
    std::vector<std::size_t> heavy_index;  // heavy[h] is met[heavy_index[h]]
    for (std::size_t i = 0; i < met.size(); ++i) {
      if (needs_follow_ups(met[i])) {
        heavy.push_back(&met[i]);
        heavy_index.push_back(i);
      } else {
        collect(i, met[i].deep);
      }
    }
    std::vector<bool> whole(met.size(), true);
    if (!heavy.empty()) {
      const auto heavy_whole = store_with_follow_ups(
          heavy, params_.repository_id,
          {deps_.graphql, deps_.client, deps_.runner, deps_.store, deps_.clock},
          [&](std::size_t h, const DeepPullRequest& batch) { collect(heavy_index[h], batch); });
      for (std::size_t h = 0; h < heavy.size(); ++h) whole[heavy_index[h]] = heavy_whole[h];
    }
    std::vector<std::optional<store::ChildrenOnGitHub>> out(met.size());
    for (std::size_t i = 0; i < met.size(); ++i) {
      if (!whole[i]) continue;
      store::ChildrenOnGitHub kept;
      kept.pull_github_id = met[i].deep.pull.github_id;
      if (params_.scope.reviews) kept.reviews = std::move(reviews[i]);
      if (params_.scope.comments) kept.comments = std::move(comments[i]);
      out[i] = std::move(kept);
    }
    return out;
  }

  std::string now() { return format_iso8601(deps_.clock.now()); }

  const DepthRefreshParams& params_;
  DepthRefreshDeps deps_;
  DepthRefreshTally& tally_;
  PageSize page_size_;
  RefreshWalk walk_;
  store::RefreshState finish_;
};

}  // namespace

void run_depth_refresh(const DepthRefreshParams& params, DepthRefreshDeps deps,
                       DepthRefreshTally& tally) {
  DepthRefreshWalk(params, deps, tally).run();
}

PullVersions compare_versions(const std::vector<PullRequest>& met,
                              const std::map<std::int64_t, std::string>& stored) {
  PullVersions out;
  for (const auto& pull : met) {
    const auto it = stored.find(pull.github_id);
    if (it == stored.end()) {
      ++out.inserted;
      ++out.changed;
    } else if (it->second != pull.updated_at) {
      ++out.changed;
    }
  }
  return out;
}

}  // namespace backfill::engine
