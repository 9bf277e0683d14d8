#include "backfill/fleet/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <nlohmann/json.hpp>

#include "backfill/actions/dispatch.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/engine/backfill_settings.hpp"
#include "backfill/engine/github_session.hpp"
#include "backfill/engine/refresh_run.hpp"
#include "fleet/depth_refreshes_due.hpp"

namespace backfill::fleet {

namespace {

// A repository tracked --with is run as that depth scope
// (engine::with_tracked_depth): its scope's verdict and progress decide
// whether and how it is scheduled (store::scheduled_progress).
std::vector<ScheduleCandidate> candidates_from(store::Store& store, const MigrationStatus& status) {
  std::map<std::string, const RepositoryStatus*> by_name;
  for (const auto& row : status.repositories) by_name[row.repository] = &row;
  std::map<std::pair<std::string, std::string>, const RepositoryStatus*> by_scope;
  for (const auto& row : status.scopes) by_scope[{row.repository, row.scope.value_or("")}] = &row;
  std::vector<ScheduleCandidate> out;
  for (auto& tracked : store.tracked_repositories()) {
    auto row = by_name.find(tracked.repository.name.full());
    if (row == by_name.end()) continue;  // tracked after the status was collected
    const RepositoryStatus* judged = row->second;
    const auto with = store.backfill_with(tracked.repository.id);
    if (with) {
      auto scope = by_scope.find({tracked.repository.name.full(), *with});
      if (scope == by_scope.end()) continue;  // tracked --with after the status was collected
      judged = scope->second;
    }
    ScheduleCandidate c;
    c.repository = tracked.repository;
    c.verdict = judged->verdict;
    c.github_count = judged->github_count;
    c.progress =
        with ? store.load_scope(tracked.repository.id, *with) : std::move(tracked.progress);
    c.dispatched_at = tracked.dispatched_at;
    c.prefer_actions = tracked.prefer_actions;
    out.push_back(std::move(c));
  }
  return out;
}

class Scheduler {
 public:
  Scheduler(const FleetSettings& settings, const ScheduleOptions& options, Clock& clock)
      : settings_(settings),
        options_(options),
        clock_(clock),
        store_(store::open_store(settings.database_url)),
        github_(settings.github, clock, process_cancel_token()) {
    store_->migrate();
  }

  std::vector<ScheduledItem> run(const MigrationStatus& status) {
    std::vector<ScheduledItem> items;
    for (auto& d :
         plan_schedule(candidates_from(*store_, status), options_.settings, clock_.now())) {
      items.push_back({std::move(d), "", true});
    }
    // Dispatches first: they start long jobs; inline runs then take their
    // turns, each within the inline budget.
    for (auto& item : items) {
      if (item.decision.action == ScheduleAction::kDispatch) dispatch(item);
    }
    for (auto& item : items) {
      if (item.decision.action == ScheduleAction::kInline) run_inline(item);
    }
    // Then the completed ones are kept fresh: a refresh of an unchanged
    // repository is one free request.
    const auto cutoff = format_iso8601(clock_.now() - options_.refresh_every);
    for (auto& due : store_->refreshes_due(store::kListScope, cutoff)) {
      ScheduledItem item{{due.repository, ScheduleAction::kRefresh,
                          due.refreshed_at ? "last refreshed " + *due.refreshed_at
                                           : std::string("never refreshed")},
                         "",
                         true};
      refresh(item);
      items.push_back(std::move(item));
    }
    // And the depth each is tracked with (`track --with`), its own refresh.
    for (auto& target : depth_refreshes_due(*store_, cutoff)) {
      const auto& due = target.due;
      ScheduledItem item{{due.repository, ScheduleAction::kRefresh,
                          due.scope + ": " +
                              (due.refreshed_at ? "last refreshed " + *due.refreshed_at
                                                : std::string("never refreshed"))},
                         "",
                         true};
      refresh(item, target.depth);
      items.push_back(std::move(item));
    }
    return items;
  }

 private:
  void dispatch(ScheduledItem& item) {
    const auto& repo = item.decision.repository;
    if (!options_.dispatch_repo) {
      item.ok = false;
      item.result = "not dispatched: no workflow repository (--dispatch-repo or GITHUB_REPOSITORY)";
      return;
    }
    if (process_cancel_token().stop_requested()) {
      item.result = "not dispatched: stopped";
      return;
    }
    // GitHub asks for at least a second between content-creating requests.
    if (last_dispatch_ &&
        !clock_.sleep_until(*last_dispatch_ + std::chrono::seconds(1), process_cancel_token())) {
      item.result = "not dispatched: stopped";
      return;
    }
    try {
      // The dispatched run repeats the repository's --with (track --with).
      actions::RunSettings run_settings;
      run_settings.with = store_->backfill_with(repo.id);
      github_.dispatch(*options_.dispatch_repo, actions::dispatch_payload(repo.name, run_settings));
      last_dispatch_ = clock_.now();
      store_->record_dispatch(repo.id, format_iso8601(*last_dispatch_));
      item.result = "dispatched to " + options_.dispatch_repo->full();
      spdlog::info("{}: dispatched to {} ({})", repo.name.full(), options_.dispatch_repo->full(),
                   item.decision.reason);
    } catch (const std::exception& e) {
      last_dispatch_ = clock_.now();
      item.ok = false;
      item.result = "dispatch failed: " + redact(e.what());
      spdlog::warn("{}: {}", repo.name.full(), item.result);
    }
  }

  void run_inline(ScheduledItem& item) {
    const auto& repo = item.decision.repository;
    if (process_cancel_token().stop_requested()) {
      item.result = "not run: stopped";
      return;
    }
    engine::RunParams params = engine::run_params_for(settings_.backfill, repo.name);
    params.time_budget = options_.inline_budget;
    with_tracked_depth(params, *store_, repo.id);
    try {
      auto outcome = engine::run_backfill(
          params,
          {github_.client(), *store_, clock_, process_cancel_token(), github_.jitter_source()});
      switch (outcome.result) {
        case engine::RunResult::kCompleted:
          store_->set_prefer_actions(repo.id, false);
          item.result =
              "completed inline (" + std::to_string(outcome.total_processed) + " PRs stored)";
          break;
        case engine::RunResult::kPaused:
          if (outcome.pause == engine::PauseKind::kTimeBudget)
            store_->set_prefer_actions(repo.id, true);
          item.result =
              "paused: " + outcome.reason +
              (outcome.pause == engine::PauseKind::kTimeBudget ? "; to Actions on the next pass"
                                                               : "");
          break;
        case engine::RunResult::kFailed:
          item.ok = false;
          item.result = "failed: " + outcome.reason;
          break;
      }
    } catch (const RepositoryBusy&) {
      item.result = "skipped: another run holds it";
    } catch (const std::exception& e) {
      item.ok = false;
      item.result = "failed: " + redact(e.what());
    }
    spdlog::info("{}: {}", repo.name.full(), item.result);
  }

  void refresh(ScheduledItem& item, const DepthScope& depth = {}) {
    const auto& repo = item.decision.repository;
    if (process_cancel_token().stop_requested()) {
      item.result = "not refreshed: stopped";
      return;
    }
    engine::RunParams params = engine::run_params_for(settings_.backfill, repo.name);
    params.time_budget = options_.inline_budget;
    params.depth = depth;
    try {
      const auto r = engine::run_refresh(params, {github_.client(), *store_, clock_,
                                                  process_cancel_token(), github_.jitter_source()});
      const std::string cost =
          std::to_string(r.run.requests) + " requests, " + std::to_string(r.rate_limit_points) +
          " rate-limit points" +
          (depth.any() ? ", " + std::to_string(r.run.points) + " GraphQL points" : std::string());
      if (r.refused) {
        item.result = "skipped: " + r.run.reason;
      } else if (r.run.result == engine::RunResult::kCompleted) {
        item.result = (r.changed == 0 ? std::string("unchanged")
                                      : std::to_string(r.changed) + " PRs changed") +
                      " (" + cost + ")";
      } else {
        item.ok = r.run.result != engine::RunResult::kFailed;
        item.result = std::string(engine::result_word(r.run.result)) + ": " + r.run.reason;
      }
    } catch (const RepositoryBusy&) {
      item.result = "skipped: another run holds it";
    } catch (const std::exception& e) {
      item.ok = false;
      item.result = "failed: " + redact(e.what());
    }
    spdlog::info("{}: refresh: {}", repo.name.full(), item.result);
  }

  const FleetSettings& settings_;
  const ScheduleOptions& options_;
  Clock& clock_;
  std::unique_ptr<store::Store> store_;
  engine::GitHubSession github_;
  std::optional<SystemTime> last_dispatch_;
};

}  // namespace

std::vector<ScheduledItem> run_schedule(const FleetSettings& settings,
                                        const ScheduleOptions& options,
                                        const MigrationStatus& status, Clock& clock) {
  return Scheduler(settings, options, clock).run(status);
}

std::string schedule_table(const std::vector<ScheduledItem>& items) {
  std::string out = "\nSchedule:\n";
  if (items.empty()) return out + "  nothing to schedule: every tracked repository is complete\n";
  for (const auto& i : items) {
    out += "  " + to_string(i.decision.action) + "  " + i.decision.repository.name.full() + "  " +
           i.decision.reason + (i.result.empty() ? "" : " -> " + i.result) + "\n";
  }
  return out;
}

nlohmann::json schedule_json(const std::vector<ScheduledItem>& items) {
  auto list = nlohmann::json::array();
  for (const auto& i : items) {
    list.push_back({{"repository", i.decision.repository.name.full()},
                    {"action", to_string(i.decision.action)},
                    {"reason", i.decision.reason},
                    {"result", i.result},
                    {"ok", i.ok}});
  }
  return list;
}

std::string schedule_markdown(const std::vector<ScheduledItem>& items) {
  std::string md = "## Backfill scheduler\n\n";
  if (items.empty()) return md + "Every tracked repository is complete: nothing scheduled.\n";
  md += "| Repository | Action | Why | Result |\n|---|---|---|---|\n";
  auto cell = [](std::string text) {
    for (auto& ch : text) {
      if (ch == '|' || ch == '\n' || ch == '`') ch = ' ';
    }
    return text;
  };
  for (const auto& i : items) {
    md += "| " + cell(i.decision.repository.name.full()) + " | " + to_string(i.decision.action) +
          " | " + cell(i.decision.reason) + " | " + cell(i.result) + " |\n";
  }
  return md;
}

}  // namespace backfill::fleet
