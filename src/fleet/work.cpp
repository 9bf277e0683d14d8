#include "backfill/fleet/work.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>
#include <vector>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/store/store.hpp"
#include "backfill/store/work_queue.hpp"
#include "fleet/work_worker.hpp"

namespace backfill::fleet {

namespace {

// See fleet/work.hpp for the rules.
int exit_code(const WorkTally& tally, bool stopped_early, std::int64_t unfinished) {
  if (tally.failed > 0 || tally.worker_errors > 0) return kExitFailed;
  if (tally.paused > 0) return kExitResumable;
  if (stopped_early && unfinished > 0) return kExitResumable;
  return kExitCompleted;
}

std::string stop_reason(const WorkTally& tally, bool signalled, bool until_empty) {
  if (signalled) return "signal";
  if (tally.time_budget_used) return "time budget";
  if (tally.worker_errors > 0) return "worker error";
  return until_empty ? "nothing claimable" : "done";
}

}  // namespace

int run_work(const FleetSettings& settings, const WorkOptions& options, std::ostream& out,
             Clock& clock, const CancelToken& cancel) {
  // Refused before anything is opened or written.
  store::check_workers_supported(store::backend_for_url(settings.database_url), options.workers);
  auto store = store::open_store(settings.database_url);
  store->migrate();  // once, before the workers connect
  auto queue = store::open_work_queue(settings.database_url, *store);

  WorkShared shared(settings, options, clock, cancel, out);
  if (options.time_budget) shared.deadline = clock.now() + *options.time_budget;
  spdlog::info("{} worker{} taking repositories from the queue ({} unfinished){}", options.workers,
               options.workers == 1 ? "" : "s", queue->unfinished(),
               options.until_empty ? ", until it is empty" : "");

  std::vector<std::thread> workers;
  workers.reserve(static_cast<std::size_t>(options.workers));
  for (int number = 1; number <= options.workers; ++number) {
    workers.emplace_back(run_worker, number, std::ref(shared));
  }
  for (auto& worker : workers) worker.join();

  const WorkTally& tally = shared.tally;
  const bool signalled = cancel.stop_requested();
  const bool stopped_early = signalled || tally.time_budget_used;
  std::int64_t unfinished = -1;
  try {
    unfinished = queue->unfinished();
  } catch (const std::exception& e) {
    spdlog::error("cannot count the unfinished repositories: {}", redact(e.what()));
  }
  const int code = exit_code(tally, stopped_early, unfinished < 0 ? 1 : unfinished);
  nlohmann::json summary = {{"workers", options.workers},
                            {"runs", tally.runs},
                            {"completed", tally.completed},
                            {"paused", tally.paused},
                            {"failed", tally.failed},
                            {"worker_errors", tally.worker_errors},
                            {"stored_this_run", tally.stored},
                            {"refreshed", tally.refreshed},
                            {"requests", tally.requests},
                            {"stopped_by", stop_reason(tally, signalled, options.until_empty)},
                            {"exit_code", code}};
  if (unfinished >= 0) summary["unfinished"] = unfinished;
  out << nlohmann::json{{"summary", summary}}.dump() << std::endl;
  return code;
}

}  // namespace backfill::fleet
