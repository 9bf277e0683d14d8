#include "fleet/work_worker.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/backfill_settings.hpp"
#include "backfill/engine/github_session.hpp"
#include "backfill/engine/refresh_run.hpp"
#include "backfill/store/store.hpp"
#include "backfill/store/work_queue.hpp"
#include "fleet/depth_refreshes_due.hpp"

namespace backfill::fleet {

namespace {

// The line `backfill run` prints, plus the worker.
nlohmann::json outcome_json(const engine::RunOutcome& outcome, int worker) {
  auto line = engine::outcome_json(outcome);
  line["worker"] = worker;
  return line;
}

constexpr Duration kIdleSlice = std::chrono::milliseconds(100);

class Worker {
 public:
  Worker(int number, WorkShared& shared)
      : number_(number),
        shared_(shared),
        store_(store::open_store(shared.settings.database_url)),
        queue_(store::open_work_queue(shared.settings.database_url, *store_)),
        github_(session_settings(number, shared), shared.clock, shared.cancel) {}

  void work() {
    while (!shared_.cancel.stop_requested() && !shared_.token_rejected) {
      const auto budget = remaining_budget();
      if (budget && *budget < std::chrono::seconds(1)) {
        std::lock_guard lock(shared_.mutex);
        shared_.tally.time_budget_used = true;
        return;
      }
      if (auto claim = claim_next()) {
        // A run that paused for the time budget found too little of it
        // left for a chunk: so would the next one.
        if (run(*claim, budget) == engine::PauseKind::kTimeBudget) return;
        continue;
      }
      // Nothing left to backfill: keep the completed ones fresh.
      if (auto claim = claim_refresh()) {
        refresh(claim->claim, budget, claim->depth);
        continue;
      }
      if (nothing_left_to_wait_for()) return;
      wait_for_work();
    }
  }

 private:
  // The worker's own connection, named in its User-Agent; its own calls
  // governed by the token's budget.
  static engine::SessionSettings session_settings(int number, WorkShared& shared) {
    engine::SessionSettings s = shared.settings.github;
    s.user_agent = worker_user_agent(number);
    s.runner.shared_budget = &shared.budgets.of(std::nullopt);
    s.runner.shared_graphql_budget =
        &shared.budgets.of(std::nullopt, engine::RateResource::kGraphql);
    return s;
  }

  // What is left of the process's time budget, whole seconds (a run's
  // budget is in seconds); nullopt without one.
  std::optional<std::chrono::seconds> remaining_budget() {
    if (!shared_.deadline) return std::nullopt;
    const auto left = *shared_.deadline - shared_.clock.now();
    return std::max(std::chrono::seconds(0), std::chrono::floor<std::chrono::seconds>(left));
  }

  std::optional<store::Claim> claim_next() {
    std::set<std::string> skip;
    {
      std::lock_guard lock(shared_.mutex);
      skip = shared_.failed_here;
    }
    auto claim = queue_->claim_next(format_iso8601(shared_.clock.now()), skip);
    if (claim) {
      std::lock_guard lock(shared_.mutex);
      ++shared_.running;
    }
    return claim;
  }

  // The first completed repository due for a refresh whose lock is free,
  // checked again under the lock (another process may have just done it).
  struct RefreshClaim {
    store::Claim claim;
    DepthScope depth;  // none: the list scope
  };

  std::optional<RefreshClaim> claim_refresh() {
    const auto cutoff = format_iso8601(shared_.clock.now() - shared_.options.refresh_every);
    for (auto& due : store_->refreshes_due(store::kListScope, cutoff)) {
      {
        std::lock_guard lock(shared_.mutex);
        if (!shared_.refreshed_here.insert(due.repository.id).second) continue;
      }
      auto lock = store_->try_lock_repository(due.repository);
      if (!lock) continue;
      const auto state = store_->load_refresh(due.repository.id, store::kListScope);
      if (state && state->refreshed_at && *state->refreshed_at >= cutoff) continue;
      std::lock_guard guard(shared_.mutex);
      ++shared_.running;
      return RefreshClaim{store::Claim{due.repository, std::move(lock)}, {}};
    }
    // Then the depth each is tracked with (`track --with`).
    for (auto& target : depth_refreshes_due(*store_, cutoff)) {
      const auto& due = target.due;
      {
        std::lock_guard lock(shared_.mutex);
        if (!shared_.refreshed_here.insert(due.repository.id + " " + due.scope).second) continue;
      }
      auto lock = store_->try_lock_repository(due.repository);
      if (!lock) continue;
      const auto state = store_->load_refresh(due.repository.id, due.scope);
      if (state && state->refreshed_at && *state->refreshed_at >= cutoff) continue;
      std::lock_guard guard(shared_.mutex);
      ++shared_.running;
      return RefreshClaim{store::Claim{due.repository, std::move(lock)}, target.depth};
    }
    return std::nullopt;
  }

  void refresh(store::Claim& claim, std::optional<std::chrono::seconds> budget,
               const DepthScope& depth) {
    engine::RunParams params =
        engine::run_params_for(shared_.settings.backfill, claim.repository.name);
    params.time_budget = budget;
    params.depth = depth;
    params.held_lock = claim.lock.get();
    nlohmann::json line;
    engine::RunResult result = engine::RunResult::kFailed;
    std::int64_t requests = 0;
    try {
      // Governed like a backfill run: by its installation's budget.
      const auto installation = github_.installation_of(claim.repository.name);
      params.runner.shared_budget = &shared_.budgets.of(installation);
      params.runner.shared_graphql_budget =
          &shared_.budgets.of(installation, engine::RateResource::kGraphql);
      params.runner.pause_for_reset = installation.has_value();
      const auto outcome = engine::run_refresh(params, {github_.client(), *store_, shared_.clock,
                                                        shared_.cancel, github_.jitter_source()});
      line = engine::refresh_outcome_json(outcome);
      line["worker"] = number_;
      result = outcome.refused ? engine::RunResult::kCompleted : outcome.run.result;
      requests = outcome.run.requests;
    } catch (const std::exception& e) {
      line = {{"repository", claim.repository.name.full()},
              {"worker", number_},
              {"status", "failed"},
              {"reason", redact(e.what())},
              {"exit_code", kExitFailed}};
    }
    claim.lock.reset();
    record(claim.repository.id, result, 0, requests, false);
    std::lock_guard lock(shared_.mutex);
    if (result == engine::RunResult::kCompleted) ++shared_.tally.refreshed;
    --shared_.running;
    shared_.out << line.dump() << std::endl;
  }

  // With --until-empty the process is done once no worker is running a
  // repository: nothing more can turn up that this process would take (its
  // failures it skips; a rate-limit wait is not waited out). While a
  // sibling runs, the idle keep looking: something may still be freed (a
  // process on another machine dying, say). A sibling that is claiming
  // right now does not count: if it gets something, it runs it itself.
  bool nothing_left_to_wait_for() {
    if (!shared_.options.until_empty) return false;
    std::lock_guard lock(shared_.mutex);
    return shared_.running == 0;
  }

  // Until the next look at the queue, in slices: with --until-empty the
  // last sibling finishing ends the wait (and the process) at once.
  void wait_for_work() {
    auto until = shared_.clock.now() + shared_.options.poll_interval;
    if (shared_.deadline && *shared_.deadline < until) until = *shared_.deadline;
    while (!nothing_left_to_wait_for()) {
      const auto now = shared_.clock.now();
      if (now >= until) return;
      if (!shared_.clock.sleep_until(std::min(until, now + kIdleSlice), shared_.cancel)) return;
    }
  }

  // Returns why the run paused (kNone when it did not).
  engine::PauseKind run(store::Claim& claim, std::optional<std::chrono::seconds> budget) {
    engine::RunParams params =
        engine::run_params_for(shared_.settings.backfill, claim.repository.name);
    params.time_budget = budget;
    with_tracked_depth(params, *store_, claim.repository.id);
    params.held_lock = claim.lock.get();
    auto& client = github_.client();
    const auto requests_before = client.requests_made();
    spdlog::info("worker {}: claimed {}", number_, claim.repository.name.full());
    nlohmann::json line;
    auto pause = engine::PauseKind::kNone;
    try {
      // As a GitHub App each installation has its own budget: the run is
      // governed by its installation's (found here; a repository the App is
      // not installed on fails here), and one that ran out pauses its run
      // rather than hold this worker while other installations have budget.
      const auto installation = github_.installation_of(claim.repository.name);
      params.runner.shared_budget = &shared_.budgets.of(installation);
      params.runner.shared_graphql_budget =
          &shared_.budgets.of(installation, engine::RateResource::kGraphql);
      params.runner.pause_for_reset = installation.has_value();
      const auto outcome = engine::run_backfill(
          params, {client, *store_, shared_.clock, shared_.cancel, github_.jitter_source()});
      line = outcome_json(outcome, number_);
      pause = outcome.pause;
      if (outcome.error_kind == github::ErrorKind::kUnauthorized &&
          !shared_.token_rejected.exchange(true)) {
        spdlog::error("GitHub rejected the token: every worker stops");
      }
      record(claim.repository.id, outcome.result, outcome.stored_this_run, outcome.requests,
             outcome.pause == engine::PauseKind::kTimeBudget);
    } catch (const std::exception& e) {
      // Nothing recorded it (the run record could not be written, say).
      const std::string reason = redact(e.what());
      spdlog::error("worker {}: {}: {}", number_, claim.repository.name.full(), reason);
      line = {{"repository", claim.repository.name.full()},
              {"worker", number_},
              {"status", "failed"},
              {"reason", reason},
              {"exit_code", kExitFailed}};
      record(claim.repository.id, engine::RunResult::kFailed, 0,
             client.requests_made() - requests_before, false);
    }
    claim.lock.reset();  // released before the line says the run is over
    std::lock_guard lock(shared_.mutex);
    --shared_.running;
    shared_.out << line.dump() << std::endl;
    return pause;
  }

  void record(const std::string& repository_id, engine::RunResult result, std::int64_t stored,
              std::int64_t requests, bool time_budget_used) {
    std::lock_guard lock(shared_.mutex);
    auto& tally = shared_.tally;
    ++tally.runs;
    tally.stored += stored;
    tally.requests += requests;
    if (time_budget_used) tally.time_budget_used = true;
    switch (result) {
      case engine::RunResult::kCompleted: ++tally.completed; break;
      case engine::RunResult::kPaused: ++tally.paused; break;
      case engine::RunResult::kFailed:
        ++tally.failed;
        shared_.failed_here.insert(repository_id);
        break;
    }
  }

  int number_;
  WorkShared& shared_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::WorkQueue> queue_;
  engine::GitHubSession github_;
};

}  // namespace

std::string worker_user_agent(int number) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string("backfill/") + BACKFILL_VERSION + " (worker " + std::to_string(number) +
         ", pid " + std::to_string(getpid()) + (host[0] ? std::string(", host ") + host : "") + ")";
}

void run_worker(int number, WorkShared& shared) {
  try {
    Worker(number, shared).work();
  } catch (const std::exception& e) {
    spdlog::error("worker {} stopped: {}", number, redact(e.what()));
    std::lock_guard lock(shared.mutex);
    ++shared.tally.worker_errors;
  }
}

}  // namespace backfill::fleet
