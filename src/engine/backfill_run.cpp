#include "backfill/engine/backfill_run.hpp"

#include <nlohmann/json.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/budget.hpp"
#include "backfill/engine/cursor.hpp"
#include "backfill/store/errors.hpp"
#include "engine/chunk_ledger.hpp"
#include "engine/database_outage.hpp"
#include "engine/depth_pass.hpp"
#include "engine/list_pass.hpp"
#include "engine/review_comment_stream.hpp"
#include "engine/step_failure.hpp"
#include "engine/stop_reason.hpp"

namespace backfill::engine {

namespace {

class BackfillRun {
 public:
  BackfillRun(const RunParams& params, RunDeps deps)
      : params_(params),
        deps_(std::move(deps)),
        started_(deps_.clock.now()),
        runner_(runner_params(params, started_), deps_.clock, deps_.cancel, deps_.uniform01),
        requests_at_start_(deps_.github.requests_made()),
        ledger_(started_, counters()) {
    outcome_.repo = params.repo;
  }

  RunOutcome execute() {
    const std::string started_at = now_text();
    // The repository first: its GitHub id is the lock, whatever name (case,
    // a name from before a rename) it was asked by.
    attempt([&] { resolve_repository(); });
    if (repository_id_.empty()) {  // 401/404, a stop signal: only the run record is written
      run_id_ = deps_.store.start_run_record(
          {std::nullopt, params_.repo.full(), params_.trigger, params_.run_url, started_at});
      close_run_record();
      return outcome_;
    }
    std::unique_ptr<store::RepositoryLock> lock;
    if (!params_.held_lock) {
      lock = deps_.store.try_lock_repository(repository_);
      if (!lock) {
        throw RepositoryBusy("another backfill of " + params_.repo.full() +
                             " is running; this one exits without changes");
      }
    }
    run_id_ = deps_.store.start_run_record(
        {repository_id_, params_.repo.full(), params_.trigger, params_.run_url, started_at});
    attempt([&] {
      deps_.store.mark_tracked(repository_id_, now_text());  // a backfilled repository is tracked
      if (params_.depth.any()) {
        copy_deep();
      } else {
        begin();
        copy_pulls();
      }
    });
    close_run_record();
    return outcome_;
  }

 private:
  static RunnerParams runner_params(const RunParams& params, SystemTime started) {
    RunnerParams r = params.runner;
    if (params.time_budget) r.deadline = started + *params.time_budget;
    return r;
  }

  template <class Call>
  auto github_call(const std::string& what, Call&& call) {
    return runner_.run(what, deps_.github.last_rate_limit(), std::forward<Call>(call));
  }

  std::string now_text() { return format_iso8601(deps_.clock.now()); }

  // Whatever stops `step` ends the run as paused or failed, recorded.
  template <class Step>
  void attempt(Step&& step) {
    try {
      step();
    } catch (...) {
      end_with(current_step_failure(outcome_.chunks, writing_chunk_));
    }
  }

  void end_with(const StepFailure& f) {
    if (f.resume_at) outcome_.resume_at = f.resume_at;
    if (f.error_kind) outcome_.error_kind = f.error_kind;
    if (f.database_lost) {
      spdlog::error("{}: {}", outcome_.repo.full(), f.reason);
      // The store connects again on each call: the end is recorded once the
      // database is back, if it comes back soon enough.
      record_window_ = kRecordRetryWindow;
    }
    if (f.paused) return pause(f.pause, f.reason);
    fail(f.reason);
  }

  // The stored repository, from GitHub when it is not stored yet (or was
  // stored before its GitHub id was known).
  void resolve_repository() {
    auto known = deps_.store.find_repository(params_.repo);
    if (!known || known->github_id == 0) {
      auto info =
          github_call("GET repository", [&] { return deps_.github.get_repository(params_.repo); });
      known = deps_.store.upsert_repository(info.github_id, info.name, now_text());
    }
    repository_ = *known;
    repository_id_ = known->id;
    outcome_.repo = known->name;
  }

  void begin() {
    const auto& repo = outcome_.repo;
    outcome_.total_expected =
        github_call("count pull requests", [&] { return deps_.github.count_pulls(repo); });
    deps_.store.record_github_pull_count(repository_id_, outcome_.total_expected, now_text());
    auto progress = deps_.store.load_progress(repository_id_);
    record_a_dead_run(deps_.store, repository_id_, progress, now_text());
    deps_.store.begin_run(repository_id_, outcome_.total_expected, params_.restart, now_text());
    if (progress) outcome_.total_processed = progress->total_processed;
    if (!params_.restart && progress && progress->cursor) {
      cursor_ = parse_cursor(*progress->cursor);
      if (!cursor_) {
        spdlog::warn("stored cursor of {} is unreadable; starting from the first page",
                     repo.full());
      }
    }
    spdlog::info("{}: {} pull requests on GitHub, {} stored{}", repo.full(),
                 outcome_.total_expected, outcome_.total_processed,
                 cursor_ ? ", resuming at page " + std::to_string(cursor_->page) : "");
  }

  // The listing (engine/list_pass.hpp) from the stored cursor.
  void copy_pulls() {
    ListPassParams pass;
    pass.repo = outcome_.repo;
    pass.repository_id = repository_id_;
    pass.cursor = cursor_;
    pass.total_expected = outcome_.total_expected;
    pass.total_processed = outcome_.total_processed;
    pass.stop_reason = [this](long pending) { return stop_reason(pending); };
    pass.chunk_size = [this] { return next_chunk_size(); };
    pass.metrics = [this](int prs) {
      store::ChunkMetrics m = chunk_metrics(deps_.clock.now());
      m.chunk_size = prs;
      return m;
    };
    pass.writing = [this] { writing_chunk_ = true; };
    pass.committed = [this](std::int64_t prs, std::int64_t total, const Cursor& cursor) {
      writing_chunk_ = false;
      outcome_.total_processed = total;
      cursor_ = cursor;
      after_commit(prs);
    };
    const ListPassEnd end = run_list_pass(pass, {deps_.github, runner_, deps_.store, deps_.clock});
    if (!end.completed) return pause(end.pause, end.reason);
    complete(end.exact_total);
  }

  // The budget as the governor sees it: pooled across the workers of the
  // process when they share one, else this client's last reply.
  github::RateLimitSnapshot budget_view() const {
    if (params_.runner.shared_budget) return params_.runner.shared_budget->snapshot();
    return deps_.github.last_rate_limit();
  }

  std::size_t next_chunk_size() {
    const auto rate = budget_view();
    return static_cast<std::size_t>(adaptive_chunk_size(
        params_.chunk_size, rate, effective_reserve(rate, params_.runner.min_remaining)));
  }

  // `pending`: chunks handed to the store and not yet counted (whether the
  // run goes on after them decides whether the next page is prefetched).
  std::optional<std::pair<PauseKind, std::string>> stop_reason(long pending = 0) {
    return engine::stop_reason(params_, deps_.cancel, outcome_.chunks + pending,
                               ledger_.recent_durations(), deps_.clock.now(), started_);
  }

  RunCounters counters() const {
    return {deps_.github.requests_made(), runner_.stats().retries, runner_.stats().waited};
  }

  // What the chunk about to be handed to the store cost (engine/chunk_ledger.hpp).
  store::ChunkMetrics chunk_metrics(SystemTime now) {
    const ChunkCost cost = ledger_.hand_over(now, counters());
    store::ChunkMetrics m;
    m.run_id = run_id_;
    m.requests = cost.requests;
    m.retries = cost.retries;
    m.duration = cost.duration;
    const auto rate = params_.depth.any() ? deps_.github.last_graphql_rate_limit() : budget_view();
    m.rate_limit_remaining = rate.remaining;
    if (rate.reset_epoch) {
      m.rate_limit_reset_at = format_iso8601(SystemTime(std::chrono::seconds(*rate.reset_epoch)));
    }
    return m;
  }

  // The run's tallies after a committed chunk of `prs` PRs.
  void after_commit(std::int64_t prs) {
    const Duration duration = ledger_.committed();
    outcome_.stored_this_run += prs;
    ++outcome_.chunks;
    outcome_.chunk_durations.push_back(duration);
    outcome_.chunk_totals.push_back(outcome_.total_processed);
    if (params_.on_progress) {
      params_.on_progress({outcome_.repo, outcome_.total_processed, outcome_.total_expected,
                           outcome_.stored_this_run,
                           std::chrono::duration_cast<Duration>(ledger_.last_commit() - started_),
                           deps_.github.last_rate_limit()});
    }
  }

  // The depth scope (engine/depth_pass.hpp): its own progress row, kept
  // apart from the list-only backfill's.
  void copy_deep() {
    depth_store_ = dynamic_cast<store::DepthStore*>(&deps_.store);
    if (!depth_store_) throw FatalError("this database cannot hold --with data");
    const auto& repo = outcome_.repo;
    const std::string scope = params_.depth.key();
    outcome_.scope = scope;
    outcome_.total_expected =
        github_call("count pull requests", [&] { return deps_.github.count_pulls(repo); });
    deps_.store.record_github_pull_count(repository_id_, outcome_.total_expected, now_text());
    auto progress = depth_store_->load_scope(repository_id_, scope);
    const auto stream = review_comment_stream_state(scope);
    depth_store_->begin_scope(repository_id_, scope, outcome_.total_expected, params_.restart,
                              now_text());
    DepthPassParams pass = depth_pass_params(params_, repo, repository_id_, progress);
    deep_cursor_ = pass.cursor;
    outcome_.total_processed = pass.total_processed;
    spdlog::info("{}: {} pull requests on GitHub; depth scope {}: {} done{}", repo.full(),
                 outcome_.total_expected, scope, pass.total_processed,
                 pass.cursor ? ", resuming after the stored cursor" : "");
    pass.stop_reason = [this](long pending) { return stop_reason(pending); };
    pass.metrics = [this](int prs) {
      store::ChunkMetrics m = chunk_metrics(deps_.clock.now());
      m.chunk_size = prs;
      return m;
    };
    pass.committed = [this](std::int64_t prs, std::int64_t total, const std::string& cursor) {
      deep_cursor_ = cursor;
      outcome_.total_processed = total;
      after_commit(prs);
    };
    if (stream_store_ && stream && stream->pass_ended && !stream->ended) {
      // The PR pass ended in an earlier run: on to the review comments.
      return walk_review_comments(stream, stream->pass_total, false);
    }
    github::GraphqlClient graphql(deps_.github, params_.graphql_url);
    const DepthPassEnd end =
        run_depth_pass(pass, {graphql, deps_.github, runner_, *depth_store_, deps_.clock});
    outcome_.points = graphql.points_used();
    if (!end.completed) return pause(end.pause, end.reason);
    if (stream_store_) return walk_review_comments(stream, end.exact_total, true);
    complete(end.exact_total);
  }

  // The stored state of the review comment stream of a scope with comments
  // (stream_store_ is set for those only); --restart sends it back to its
  // first page, and the PR pass has to end again before it is walked.
  std::optional<store::StreamProgress> review_comment_stream_state(const std::string& scope) {
    if (!params_.depth.comments) return std::nullopt;
    stream_store_ = dynamic_cast<store::StreamStore*>(&deps_.store);
    if (!stream_store_) throw FatalError("this database cannot hold review comments");
    const store::StreamKey key{repository_id_, scope, store::kReviewCommentStream};
    if (params_.restart) stream_store_->reset_stream(key, now_text());
    return stream_store_->load_stream(key);
  }

  // The scope's review comment stream (engine/review_comment_stream.hpp),
  // after its PR pass ended with `pass_total` PRs on GitHub; the scope is
  // completed once the stream reaches the listing's end too.
  void walk_review_comments(std::optional<store::StreamProgress> stored, std::int64_t pass_total,
                            bool pass_just_ended) {
    const store::StreamKey key{repository_id_, params_.depth.key(), store::kReviewCommentStream};
    if (pass_just_ended) stream_store_->start_stream(key, pass_total, now_text());
    spdlog::info("{}: review comments, {}", outcome_.repo.full(),
                 stored && stored->page > 0 ? "resuming at page " + std::to_string(stored->page)
                                            : std::string("from the first page"));
    ReviewCommentStreamParams walk{outcome_.repo, key, std::move(stored), {}, {}, {}};
    walk.stop_reason = [this](long pending) { return stop_reason(pending); };
    walk.metrics = [this](int comments) {
      store::ChunkMetrics m = chunk_metrics(deps_.clock.now());
      m.chunk_size = comments;
      return m;
    };
    walk.committed = [this] { after_commit(0); };
    const ReviewCommentStreamEnd end =
        run_review_comment_stream(walk, {deps_.github, runner_, *stream_store_, deps_.clock});
    if (!end.ended) return pause(end.pause, end.reason);
    complete(pass_total);
  }

  // One transaction writes the completion and GitHub's count together, so
  // nothing after it can turn a committed completion into a failure.
  void complete(std::int64_t exact_expected) {
    if (depth_store_) {
      depth_store_->complete_scope(repository_id_, params_.depth.key(), exact_expected, now_text());
    } else {
      deps_.store.complete_run(repository_id_, exact_expected, now_text());
    }
    outcome_.result = RunResult::kCompleted;
    outcome_.total_expected = exact_expected;
    spdlog::info("{}: completed, {} pull requests stored", outcome_.repo.full(),
                 outcome_.total_processed);
  }

  void pause(PauseKind kind, const std::string& reason) {
    outcome_.result = RunResult::kPaused;
    outcome_.pause = kind;
    outcome_.reason = reason;
    record(store::Status::kPaused, reason);
    spdlog::info("{}: paused ({}); progress saved, run again to resume", outcome_.repo.full(),
                 reason);
  }

  void fail(const std::string& message) {
    outcome_.result = RunResult::kFailed;
    outcome_.reason = redact(message);
    record(store::Status::kFailed, outcome_.reason);
  }

  // Recording the end state must not hide what went wrong before it.
  void record(store::Status status, const std::string& reason) {
    if (repository_id_.empty()) return;  // stopped before the repository was known
    store::RunEnd end;
    end.status = status;
    end.error = reason;
    if (outcome_.resume_at) end.resume_after = format_iso8601(*outcome_.resume_at);
    recorded_ = record_when_database_is_back("the " + store::to_string(status) + " state",
                                             deps_.clock, deps_.cancel, record_window_, [&] {
                                               end.now = now_text();
                                               if (depth_store_) {
                                                 depth_store_->finish_scope(
                                                     repository_id_, params_.depth.key(), end);
                                               } else {
                                                 deps_.store.finish_run(repository_id_, end);
                                               }
                                             });
  }

  void close_run_record() {
    const RunResult result = outcome_.result;
    // The client may be shared with earlier runs: count this run's only.
    outcome_.requests = deps_.github.requests_made() - requests_at_start_;
    outcome_.retries = runner_.stats().retries;
    outcome_.waited = runner_.stats().waited;
    outcome_.rate = deps_.github.last_rate_limit();
    if (deep_cursor_) {
      outcome_.cursor = "after GraphQL cursor " + *deep_cursor_;
    } else if (cursor_) {
      outcome_.cursor = "page " + std::to_string(cursor_->page) + ", item " +
                        std::to_string(cursor_->index + 1) + " (after #" +
                        std::to_string(cursor_->number) + ", created " + cursor_->created_at + ")";
    }
    store::RunRecordEnd end;
    if (!repository_id_.empty()) end.repository_id = repository_id_;
    end.status = result_word(result);
    end.exit_code = exit_code_for(result);
    end.prs_stored = outcome_.stored_this_run;
    end.requests = outcome_.requests;
    end.retries = outcome_.retries;
    end.rate_limit_wait = outcome_.waited;
    if (!outcome_.reason.empty() && result != RunResult::kCompleted) end.error = outcome_.reason;
    // Not waited for again when the end state could not be recorded.
    record_when_database_is_back("the run", deps_.clock, deps_.cancel,
                                 recorded_ ? record_window_ : Duration{0}, [&] {
                                   end.ended_at = now_text();
                                   deps_.store.finish_run_record(run_id_, end);
                                 });
  }

  const RunParams& params_;
  RunDeps deps_;
  SystemTime started_;
  RequestRunner runner_;
  std::int64_t requests_at_start_ = 0;  // the client may be shared with earlier runs
  ChunkLedger ledger_;
  RunOutcome outcome_;
  std::string run_id_;
  store::Repository repository_;
  std::string repository_id_;  // repository_.id once resolved
  bool writing_chunk_ = false;
  // How long the end of the run waits for a database that went away.
  Duration record_window_{0};
  bool recorded_ = true;
  std::optional<Cursor> cursor_;
  // A depth run (--with): its scope's store and GraphQL cursor.
  store::DepthStore* depth_store_ = nullptr;
  store::StreamStore* stream_store_ = nullptr;  // scopes with comments
  std::optional<std::string> deep_cursor_;
};

}  // namespace

RunOutcome run_backfill(const RunParams& params, RunDeps deps) {
  return BackfillRun(params, std::move(deps)).execute();
}

}  // namespace backfill::engine
