#include "backfill/cli/commands.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <random>

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

}  // namespace

int command_run(const Config& config, std::ostream& out) {
  install_stop_signal_handlers();
  CancelToken& cancel = process_cancel_token();
  auto store = open_migrated_store(config);

  github::TransportOptions transport_options;
  transport_options.user_agent = user_agent();
  auto transport = github::make_curl_transport(transport_options, cancel);
  github::GitHubClient client({config.api_url, config.token, user_agent()}, *transport);

  SystemClock clock;
  std::mt19937_64 rng{std::random_device{}()};
  std::uniform_real_distribution<double> uniform(0.0, 1.0);

  engine::RunParams params;
  params.repo = *config.repo;
  params.chunk_size = config.chunk_size;
  params.max_chunks = config.max_chunks;
  params.time_budget = config.time_budget;
  params.restart = config.restart;
  params.runner.policy.max_retries = config.max_retries;
  params.runner.min_remaining = config.min_remaining;

  auto outcome = engine::run_backfill(
      params, {client, *store, clock, cancel, [&] { return uniform(rng); }});
  const int code = engine::exit_code_for(outcome.result);
  if (outcome.result == engine::RunResult::kFailed) {
    spdlog::error("{}: failed: {} (everything up to the last committed chunk is kept)",
                  outcome.repo.full(), outcome.reason);
  }

  const char* status = outcome.result == engine::RunResult::kCompleted ? "completed"
                       : outcome.result == engine::RunResult::kPaused  ? "paused"
                                                                       : "failed";
  nlohmann::json result = {{"repository", outcome.repo.full()},
                           {"status", status},
                           {"processed", outcome.total_processed},
                           {"expected", outcome.total_expected},
                           {"stored_this_run", outcome.stored_this_run},
                           {"chunks", outcome.chunks},
                           {"requests", outcome.requests},
                           {"retries", outcome.retries},
                           {"waited_ms", outcome.waited.count()},
                           {"exit_code", code}};
  if (!outcome.reason.empty()) result["reason"] = outcome.reason;
  out << result.dump() << std::endl;
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
