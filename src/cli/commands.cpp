#include "backfill/cli/commands.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <random>
#include <unistd.h>

#include "backfill/cli/actions_step.hpp"
#include "backfill/cli/progress_line.hpp"
#include "backfill/cli/run_params.hpp"
#include "backfill/cli/status_table.hpp"
#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/store/store.hpp"

namespace backfill::cli {

namespace {

std::unique_ptr<store::Store> open_migrated_store(const Config& config) {
  auto store = store::open_store(config.database_url);
  store->migrate();
  return store;
}

std::string user_agent() { return std::string("backfill/") + BACKFILL_VERSION; }

struct GitHubConnection {
  std::unique_ptr<github::HttpTransport> transport;
  std::unique_ptr<github::GitHubClient> client;
};

GitHubConnection connect_github(const Config& config, const CancelToken& cancel) {
  github::TransportOptions options;
  options.user_agent = user_agent();
  GitHubConnection c;
  c.transport = github::make_curl_transport(options, cancel);
  c.client = std::make_unique<github::GitHubClient>(
      github::ClientParams{config.api_url, config.token, user_agent()}, *c.transport);
  return c;
}

}  // namespace

int command_run(const Config& config, std::ostream& out) {
  install_stop_signal_handlers();
  CancelToken& cancel = process_cancel_token();
  auto store = open_migrated_store(config);

  auto github = connect_github(config, cancel);

  SystemClock clock;
  std::mt19937_64 rng{std::random_device{}()};
  std::uniform_real_distribution<double> uniform(0.0, 1.0);

  engine::RunParams params = run_params_from(config, *config.repo);
  params.max_chunks = config.max_chunks;
  params.time_budget = config.time_budget;
  params.restart = config.restart;

  // A live line only for a person watching a terminal, never in logs.
  ProgressLine progress(clock);
  ActionsStep actions_step(config);
  const bool live = isatty(STDERR_FILENO) && !config.actions.active &&
                    config.verbosity == Verbosity::kNormal && config.log_format == LogFormat::kText;
  params.on_progress = [&](const engine::ProgressSnapshot& s) {
    if (live) progress.update(s);
    actions_step.on_progress(s);
  };

  auto outcome = engine::run_backfill(
      params, {*github.client, *store, clock, cancel, [&] { return uniform(rng); }});
  progress.finish();
  const int code = engine::exit_code_for(outcome.result);
  if (outcome.result == engine::RunResult::kFailed) {
    spdlog::error("{}: failed: {} (everything up to the last committed chunk is kept)",
                  outcome.repo.full(), outcome.reason);
  }

  actions_step.finish(outcome, *github.client);

  out << engine::outcome_json(outcome).dump() << std::endl;
  return code;
}

int command_status(const Config& config, const StatusOptions& options, std::ostream& out) {
  auto store = open_migrated_store(config);
  auto rows = store->backfills(config.repo, options.all || config.repo.has_value());
  if (options.json) {
    out << status_json(rows).dump(2) << "\n";
  } else {
    out << status_table(rows);
  }
  return kExitCompleted;
}

int command_rate_limit(const Config& config, bool json, std::ostream& out) {
  auto github = connect_github(config, process_cancel_token());
  auto limits = github.client->rate_limits();
  if (json) {
    auto list = nlohmann::json::array();
    for (const auto& r : limits) {
      list.push_back({{"resource", r.resource},
                      {"limit", r.limit.value_or(0)},
                      {"remaining", r.remaining.value_or(0)},
                      {"used", r.used.value_or(0)},
                      {"reset", r.reset_epoch.value_or(0)},
                      {"reset_at", r.reset_time() ? format_iso8601(*r.reset_time()) : ""}});
    }
    out << list.dump(2) << "\n";
    return kExitCompleted;
  }
  char line[160];
  std::snprintf(line, sizeof line, "%-28s %8s %10s %8s  %s\n", "RESOURCE", "LIMIT", "REMAINING", "USED",
                "RESETS AT");
  out << line;
  for (const auto& r : limits) {
    std::snprintf(line, sizeof line, "%-28s %8lld %10lld %8lld  %s\n", r.resource.c_str(),
                  static_cast<long long>(r.limit.value_or(0)),
                  static_cast<long long>(r.remaining.value_or(0)),
                  static_cast<long long>(r.used.value_or(0)),
                  r.reset_time() ? format_iso8601(*r.reset_time()).c_str() : "-");
    out << line;
  }
  return kExitCompleted;
}

int command_migrate(const Config& config, std::ostream& out) {
  auto store = store::open_store(config.database_url);
  auto applied = store->migrate();
  if (applied.empty()) {
    out << "schema is up to date\n";
  } else {
    for (const auto& version : applied) out << "applied " << version << "\n";
  }
  return kExitCompleted;
}

}  // namespace backfill::cli
