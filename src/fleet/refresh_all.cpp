#include "backfill/fleet/refresh_all.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/backfill_settings.hpp"
#include "backfill/engine/github_session.hpp"
#include "backfill/engine/refresh_run.hpp"
#include "backfill/store/store.hpp"

namespace backfill::fleet {

namespace {

struct Tally {
  long repositories = 0, unchanged = 0, changed = 0, refused = 0, busy = 0, paused = 0, failed = 0;
  std::int64_t changed_prs = 0, requests = 0, points = 0, graphql_points = 0;
  // Depth scopes: the children of the PRs their walks met, as GitHub has
  // them, and those stored that GitHub no longer has.
  std::int64_t reviews = 0, comments = 0, review_comments = 0;
  std::int64_t reviews_deleted = 0, comments_deleted = 0, review_comments_deleted = 0;
};

int exit_code(const Tally& t) {
  if (t.failed > 0) return kExitFailed;
  if (t.paused > 0 || t.busy > 0) return kExitResumable;
  return kExitCompleted;
}

}  // namespace

int refresh_all(const FleetSettings& settings, std::optional<std::chrono::seconds> time_budget,
                std::ostream& out, Clock& clock, const CancelToken& cancel) {
  auto store = store::open_store(settings.database_url);
  store->migrate();
  engine::GitHubSession github(settings.github, clock, cancel);
  const SystemTime started = clock.now();
  Tally tally;
  // One scope's refresh and its line; true when the token was rejected
  // (the others would be too).
  const auto refresh_one = [&](const engine::RunParams& params) {
    const RepoName& name = params.repo;
    nlohmann::json line;
    bool rejected = false;
    try {
      const auto outcome = engine::run_refresh(
          params, {github.client(), *store, clock, cancel, github.jitter_source()});
      if (outcome.refused) {
        ++tally.refused;
        line = {{"repository", outcome.run.repo.full()},
                {"refresh", "refused"},
                {"reason", outcome.run.reason}};
        if (params.depth.any()) line["scope"] = params.depth.key();
      } else {
        line = engine::refresh_outcome_json(outcome);
        tally.requests += outcome.run.requests;
        tally.points += outcome.rate_limit_points;
        tally.graphql_points += outcome.run.points;
        tally.changed_prs += outcome.changed;
        tally.reviews += outcome.reviews;
        tally.comments += outcome.comments;
        tally.review_comments += outcome.review_comments;
        tally.reviews_deleted += outcome.reviews_deleted;
        tally.comments_deleted += outcome.comments_deleted;
        tally.review_comments_deleted += outcome.review_comments_deleted;
        switch (outcome.run.result) {
          case engine::RunResult::kCompleted:
            ++(outcome.changed == 0 ? tally.unchanged : tally.changed);
            break;
          case engine::RunResult::kPaused: ++tally.paused; break;
          case engine::RunResult::kFailed: ++tally.failed; break;
        }
        if (outcome.run.error_kind == github::ErrorKind::kUnauthorized) {
          spdlog::error("GitHub rejected the token: the other repositories are not refreshed");
          rejected = true;
        }
      }
    } catch (const RepositoryBusy& e) {
      ++tally.busy;
      line = {{"repository", name.full()}, {"refresh", "busy"}, {"reason", e.what()}};
    } catch (const std::exception& e) {
      ++tally.failed;
      line = {{"repository", name.full()}, {"status", "failed"}, {"reason", redact(e.what())}};
    }
    out << line.dump() << std::endl;
    return rejected;
  };
  for (const auto& tracked : store->tracked_repositories()) {
    if (cancel.stop_requested()) {
      ++tally.paused;
      break;
    }
    ++tally.repositories;
    const RepoName& name = tracked.repository.name;
    engine::RunParams params = engine::run_params_for(settings.backfill, name);
    if (time_budget) {
      const auto left =
          std::chrono::floor<std::chrono::seconds>(*time_budget - (clock.now() - started));
      if (left <= std::chrono::seconds(0)) {
        ++tally.paused;
        break;
      }
      params.time_budget = left;
    }
    // The list scope, then the depth the repository is tracked with
    // (`track --with`): each its own refresh and line. A repository
    // backfilled only with its depth has no list backfill to refresh.
    params.depth = {};  // the list scope; the depth is the tracked one
    engine::RunParams deep = params;
    bool stop = false;
    try {
      engine::with_tracked_depth(deep, *store, tracked.repository.id);
    } catch (const std::exception& e) {
      spdlog::warn("{}: {}; only its list scope is refreshed", name.full(), redact(e.what()));
    }
    if (!deep.depth.any() || store->load_progress(tracked.repository.id)) {
      stop = refresh_one(params);
    }
    if (!stop && deep.depth.any() && !cancel.stop_requested()) {
      stop = refresh_one(deep);
    }
    if (stop) break;
  }
  const int code = exit_code(tally);
  nlohmann::json summary = {{"repositories", tally.repositories},
                            {"unchanged", tally.unchanged},
                            {"changed", tally.changed},
                            {"changed_prs", tally.changed_prs},
                            {"refused", tally.refused},
                            {"busy", tally.busy},
                            {"paused", tally.paused},
                            {"failed", tally.failed},
                            {"requests", tally.requests},
                            {"rate_limit_points", tally.points},
                            {"graphql_points", tally.graphql_points},
                            {"reviews", tally.reviews},
                            {"comments", tally.comments},
                            {"review_comments", tally.review_comments},
                            {"reviews_deleted", tally.reviews_deleted},
                            {"comments_deleted", tally.comments_deleted},
                            {"review_comments_deleted", tally.review_comments_deleted},
                            {"exit_code", code}};
  out << nlohmann::json{{"summary", summary}}.dump() << std::endl;
  spdlog::info(
      "refreshed {} repositories: {} unchanged, {} changed ({} PRs), {} requests, {} "
      "rate-limit points",
      tally.unchanged + tally.changed, tally.unchanged, tally.changed, tally.changed_prs,
      tally.requests, tally.points);
  return code;
}

}  // namespace backfill::fleet
