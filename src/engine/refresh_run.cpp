#include "backfill/engine/refresh_run.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/page_trail.hpp"
#include "backfill/engine/refresh_walk.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/graphql_pulls.hpp"
#include "backfill/store/errors.hpp"
#include "engine/database_outage.hpp"
#include "engine/depth_refresh.hpp"
#include "engine/step_failure.hpp"

namespace backfill::engine {

namespace {

using github::PullPage;

class RefreshRun {
  // --max-chunks or the time budget: the walk stops between chunks.
  struct Stop {
    PauseKind kind;
    std::string reason;
  };

 public:
  RefreshRun(const RunParams& params, RefreshDeps deps)
      : params_(params),
        deps_(std::move(deps)),
        started_(deps_.clock.now()),
        runner_(runner_params(params, started_), deps_.clock, deps_.cancel, deps_.uniform01) {
    requests_at_start_ = deps_.github.requests_made();
    outcome_.run.repo = params.repo;
    if (params.depth.any()) outcome_.run.scope = params.depth.key();
  }

  RefreshOutcome execute() {
    const std::string started_at = now_text();
    // Only what is stored decides: a repository this database has not
    // completed is a backfill's business, before any request is made.
    auto known = deps_.store.find_repository(params_.repo);
    if (known) outcome_.backfill = load_backfill(known->id);
    if (!completed()) return refuse(known);
    repository_ = *known;
    outcome_.run.repo = known->name;
    std::unique_ptr<store::RepositoryLock> lock;
    if (!params_.held_lock) {
      lock = deps_.store.try_lock_repository(repository_);
      if (!lock) {
        throw RepositoryBusy("another run of " + outcome_.run.repo.full() +
                             " holds it; this refresh exits without changes");
      }
      // A run that held the lock may have restarted the backfill meanwhile.
      outcome_.backfill = load_backfill(repository_.id);
      if (!completed()) return refuse(known);
    }
    run_id_ = deps_.store.start_run_record(
        {repository_.id, outcome_.run.repo.full(), params_.trigger, params_.run_url, started_at});
    attempt([&] { depth() ? walk_depth() : walk(); });
    close_run_record();
    return outcome_;
  }

 private:
  static RunnerParams runner_params(const RunParams& params, SystemTime started) {
    RunnerParams r = params.runner;
    if (params.time_budget) r.deadline = started + *params.time_budget;
    return r;
  }

  bool depth() const { return params_.depth.any(); }

  // The progress of the backfill this refresh continues: the list scope's,
  // or the depth scope's (backfill_scopes).
  std::optional<store::Progress> load_backfill(const std::string& repository_id) {
    if (depth()) return deps_.store.load_scope(repository_id, params_.depth.key());
    return deps_.store.load_progress(repository_id);
  }

  bool completed() const {
    return outcome_.backfill && outcome_.backfill->status == store::Status::kCompleted;
  }

  RefreshOutcome refuse(const std::optional<store::Repository>& known) {
    outcome_.refused = true;
    if (known) outcome_.run.repo = known->name;
    outcome_.run.reason = refusal_message(outcome_.run.repo, outcome_.backfill, outcome_.run.scope);
    return outcome_;
  }

  template <class Call>
  auto github_call(const std::string& what, Call&& call) {
    return runner_.run(what, deps_.github.last_rate_limit(), std::forward<Call>(call));
  }

  std::string now_text() { return format_iso8601(deps_.clock.now()); }

  template <class Step>
  void attempt(Step&& step) {
    try {
      step();
    } catch (const Stop& stop) {
      pause(stop.kind, stop.reason);
    } catch (...) {
      const StepFailure f = current_step_failure(outcome_.run.chunks, writing_);
      if (f.resume_at) outcome_.run.resume_at = f.resume_at;
      if (f.error_kind) outcome_.run.error_kind = f.error_kind;
      if (f.database_lost) record_window_ = kRecordRetryWindow;
      if (f.paused) return pause(f.pause, f.reason);
      fail(f.reason);
    }
  }

  void walk() {
    const auto state = deps_.store.load_refresh(repository_.id, store::kListScope);
    const auto old_watermark = state && state->watermark
                                   ? state->watermark
                                   : first_watermark(outcome_.backfill->started_at);
    github::Validators validators;
    if (state) validators = {state->etag, state->last_modified};
    RefreshWalk walk(old_watermark, kRefreshOverlap);

    auto first = github_call("GET pulls by update, page 1", [&] {
      return deps_.github.list_pulls_by_update(outcome_.run.repo, 1, validators);
    });
    if (!first) {
      ++not_modified_;
      deps_.store.record_unchanged_refresh(repository_.id, store::kListScope, now_text());
      outcome_.not_modified = true;
      outcome_.run.result = RunResult::kCompleted;
      spdlog::info("{}: unchanged since the last refresh (304 Not Modified)",
                   outcome_.run.repo.full());
      return;
    }
    store::RefreshState finish;
    finish.repository_id = repository_.id;
    finish.etag = first->etag;
    finish.last_modified = first->last_modified;

    PullPage page = std::move(*first);
    PageTrail trail(std::max(outcome_.backfill->total_processed,
                             outcome_.backfill->total_expected.value_or(0)));
    trail.worked_on(page.url);
    std::vector<PullRequest> pending;
    while (true) {
      auto met = walk.take(page.items);
      pending.insert(pending.end(), met.begin(), met.end());
      const auto size = static_cast<std::size_t>(std::max(1, params_.chunk_size));
      while (pending.size() > size) {
        stop_if_asked();
        write({pending.begin(), pending.begin() + static_cast<long>(size)}, std::nullopt);
        pending.erase(pending.begin(), pending.begin() + static_cast<long>(size));
      }
      if (walk.reached_end() || !page.next_url) break;
      stop_if_asked();
      const std::string next = *page.next_url;
      trail.check_next(page.page, next);
      page = github_call("GET pulls by update (next page)",
                         [&] { return deps_.github.fetch_pulls(next); });
      trail.worked_on(next);
    }
    // The walk reached the old watermark (or the listing's end): the last
    // rows and the new watermark commit together.
    finish.watermark = walk.new_watermark() ? walk.new_watermark() : old_watermark;
    if (old_watermark && finish.watermark && *finish.watermark < *old_watermark) {
      finish.watermark = old_watermark;  // never backwards
    }
    finish.refreshed_at = now_text();
    finish.changed = outcome_.changed;
    write(std::move(pending), finish);
    outcome_.run.result = RunResult::kCompleted;
    spdlog::info("{}: refreshed, {} pull request{} changed since the last refresh",
                 outcome_.run.repo.full(), outcome_.changed, outcome_.changed == 1 ? "" : "s");
  }

  // A depth scope's walk (engine/depth_refresh.hpp), in this run's shell.
  void walk_depth() {
    const std::string scope = params_.depth.key();
    DepthRefreshParams p;
    p.repo = outcome_.run.repo;
    p.repository_id = repository_.id;
    p.scope = params_.depth;
    // As the backfill's pass: 49 PRs with their children cost 1 point, 50 cost 2.
    p.chunk_ceiling = std::min(params_.chunk_size, github::kCheapestPage);
    p.min_remaining = params_.runner.min_remaining;
    p.state = deps_.store.load_refresh(repository_.id, scope);
    p.old_watermark = p.state && p.state->watermark
                          ? p.state->watermark
                          : first_watermark(outcome_.backfill->started_at);
    p.stop_if_asked = [this] { stop_if_asked(); };
    github::GraphqlClient graphql(deps_.github, params_.graphql_url);
    DepthRefreshTally tally;
    try {
      run_depth_refresh(p, {deps_.github, graphql, runner_, deps_.store, deps_.clock}, tally);
    } catch (...) {
      take(tally, graphql.points_used());
      throw;
    }
    take(tally, graphql.points_used());
    outcome_.run.result = RunResult::kCompleted;
    if (tally.not_modified) {
      spdlog::info("{} ({}): unchanged since the last refresh (304 Not Modified)",
                   outcome_.run.repo.full(), scope);
      return;
    }
    spdlog::info(
        "{} ({}): refreshed, {} pull request{} changed since the last refresh; {} reviews, {} "
        "comments and {} review comments as on GitHub, {} reviews, {} comments and {} review "
        "comments deleted; {} GraphQL points",
        outcome_.run.repo.full(), scope, outcome_.changed, outcome_.changed == 1 ? "" : "s",
        tally.reviews_written, tally.comments_written, tally.review_comments.written,
        tally.reviews_deleted, tally.comments_deleted, tally.review_comments.deleted,
        outcome_.run.points);
  }

  void take(const DepthRefreshTally& tally, std::int64_t points) {
    outcome_.not_modified = tally.not_modified;
    not_modified_ = tally.not_modified ? 1 : 0;
    // The check and the review comment listings: REST's budget.
    rest_requests_ = tally.rest_requests + tally.review_comments.requests;
    outcome_.changed = tally.changed;
    outcome_.reviews = tally.reviews_written;
    outcome_.comments = tally.comments_written;
    outcome_.reviews_deleted = tally.reviews_deleted;
    outcome_.comments_deleted = tally.comments_deleted;
    outcome_.review_comments = tally.review_comments.written;
    outcome_.review_comments_deleted = tally.review_comments.deleted;
    outcome_.run.stored_this_run = tally.prs_written;
    outcome_.run.chunks = tally.chunks;
    outcome_.run.points = points;
  }

  void stop_if_asked() {
    if (deps_.cancel.stop_requested()) throw Cancelled();
    if (params_.max_chunks && outcome_.run.chunks >= *params_.max_chunks) {
      throw Stop{PauseKind::kMaxChunks,
                 "stopped after " + std::to_string(outcome_.run.chunks) + " chunks (--max-chunks)"};
    }
    if (params_.time_budget && deps_.clock.now() >= started_ + *params_.time_budget) {
      throw Stop{PauseKind::kTimeBudget, "time budget used"};
    }
  }

  void write(std::vector<PullRequest> pulls, const std::optional<store::RefreshState>& finish) {
    store::RefreshChunk chunk;
    chunk.repository_id = repository_.id;
    chunk.now = now_text();
    const auto count = static_cast<std::int64_t>(pulls.size());
    chunk.pulls = std::move(pulls);
    chunk.finish = finish;
    writing_ = true;
    const store::RefreshWrite written = deps_.store.write_refresh_chunk(chunk);
    writing_ = false;
    outcome_.changed += written.changed;
    outcome_.run.stored_this_run += count;
    outcome_.backfill->total_processed += written.inserted;
    if (count > 0) ++outcome_.run.chunks;
  }

  void pause(PauseKind kind, const std::string& reason) {
    outcome_.run.result = RunResult::kPaused;
    outcome_.run.pause = kind;
    outcome_.run.reason = reason;
    spdlog::info("{}: refresh stopped ({}); the next refresh walks again", outcome_.run.repo.full(),
                 reason);
  }

  void fail(const std::string& message) {
    outcome_.run.result = RunResult::kFailed;
    outcome_.run.reason = redact(message);
    spdlog::error("{}: refresh failed: {}", outcome_.run.repo.full(), outcome_.run.reason);
  }

  void close_run_record() {
    auto& run = outcome_.run;
    run.requests = deps_.github.requests_made() - requests_at_start_;
    run.retries = runner_.stats().retries;
    run.waited = runner_.stats().waited;
    run.rate = deps_.github.last_rate_limit();
    run.total_processed = outcome_.backfill->total_processed;
    run.total_expected =
        std::max(run.total_processed, outcome_.backfill->total_expected.value_or(0));
    // A depth scope's GraphQL requests spend points (run.points), not REST's budget.
    outcome_.rate_limit_points = (depth() ? rest_requests_ : run.requests) - not_modified_;
    store::RunRecordEnd end;
    end.repository_id = repository_.id;
    end.status = result_word(run.result);
    end.exit_code = exit_code_for(run.result);
    end.prs_stored = run.stored_this_run;
    end.requests = run.requests;
    end.retries = run.retries;
    end.rate_limit_wait = run.waited;
    if (!run.reason.empty() && run.result != RunResult::kCompleted) end.error = run.reason;
    record_when_database_is_back("the refresh", deps_.clock, deps_.cancel, record_window_, [&] {
      end.ended_at = now_text();
      deps_.store.finish_run_record(run_id_, end);
    });
  }

  const RunParams& params_;
  RefreshDeps deps_;
  SystemTime started_;
  RequestRunner runner_;
  RefreshOutcome outcome_;
  store::Repository repository_;
  std::string run_id_;
  std::int64_t requests_at_start_ = 0;
  std::int64_t not_modified_ = 0;
  // A depth scope's (its check, its review comment listings), for rate_limit_points.
  std::int64_t rest_requests_ = 0;
  bool writing_ = false;
  Duration record_window_{0};
};

std::string group_thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return n < 0 ? "-" + digits : digits;
}

}  // namespace

RefreshOutcome run_refresh(const RunParams& params, RefreshDeps deps) {
  return RefreshRun(params, std::move(deps)).execute();
}

std::string refusal_message(const RepoName& repo, const std::optional<store::Progress>& backfill,
                            const std::string& scope) {
  const bool list = scope == kListScope;
  std::string where = list ? "it has never been backfilled here"
                           : "its depth " + scope + " has never been backfilled here";
  if (backfill) {
    where = std::string(list ? "its backfill is " : "its backfill of " + scope + " is ") +
            store::to_string(backfill->status) + " (" + group_thousands(backfill->total_processed) +
            (backfill->total_expected ? " of " + group_thousands(*backfill->total_expected) : "") +
            " PRs stored)";
  }
  return "refresh of " + repo.full() + (list ? "" : " (" + scope + ")") + " refused: " + where +
         "; a refresh needs a completed backfill";
}

nlohmann::json refresh_outcome_json(const RefreshOutcome& outcome) {
  auto line = outcome_json(outcome.run);
  const bool done = outcome.run.result == RunResult::kCompleted;
  line["refresh"] = !done ? "interrupted" : outcome.changed == 0 ? "unchanged" : "changed";
  line["changed"] = outcome.changed;
  line["rate_limit_points"] = outcome.rate_limit_points;
  if (outcome.run.scope != kListScope) {
    line["scope"] = outcome.run.scope;
    line["points"] = outcome.run.points;
    line["reviews"] = outcome.reviews;
    line["comments"] = outcome.comments;
    line["reviews_deleted"] = outcome.reviews_deleted;
    line["comments_deleted"] = outcome.comments_deleted;
    line["review_comments"] = outcome.review_comments;
    line["review_comments_deleted"] = outcome.review_comments_deleted;
  }
  return line;
}

}  // namespace backfill::engine
