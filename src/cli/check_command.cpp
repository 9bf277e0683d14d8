// `backfill check-migration-status [--schedule]`: every tracked repository
// against GitHub's count, then (with --schedule) the scheduler's pass.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "backfill/actions/step_summary.hpp"
#include "backfill/cli/fleet_commands.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/github_session.hpp"
#include "backfill/fleet/migration_status.hpp"
#include "backfill/store/store.hpp"
#include "cli/open_store.hpp"

namespace backfill::cli {

int command_check_migration_status(const Config& config, const CheckOptions& options,
                                   std::ostream& out, Clock& clock) {
  auto store = open_migrated_store(config);
  engine::GitHubSession github(session_settings_from(config), clock, process_cancel_token());
  const auto status = fleet::collect_migration_status(
      *store, [&](const RepoName& repo) { return github.count_pulls(repo); }, clock.now(),
      options.stall_after, options.stale_after);
  std::vector<fleet::ScheduledItem> scheduled;
  if (options.schedule) {
    fleet::ScheduleOptions schedule = *options.schedule;
    schedule.settings.stall_after = options.stall_after;
    auto settings = fleet_settings_from(config);
    // The scheduler dispatches (contents: write) and may report (issues).
    if (settings.github.app) settings.github.app->write_permissions = true;
    scheduled = fleet::run_schedule(settings, schedule, status, clock);
    if (config.actions.summary_path) {
      try {
        actions::append_summary(*config.actions.summary_path, fleet::schedule_markdown(scheduled));
      } catch (const std::exception& e) {
        spdlog::error("could not write the step summary: {}", redact(e.what()));
      }
    }
  }
  if (options.json) {
    auto doc = fleet::status_json(status);
    if (options.schedule) doc["schedule"] = fleet::schedule_json(scheduled);
    out << doc.dump(2) << "\n";
  } else {
    out << fleet::status_table(status);
    if (options.schedule) out << fleet::schedule_table(scheduled);
  }
  if (options.fail_on_incomplete && !fleet::all_complete(status)) return kExitFailed;
  for (const auto& item : scheduled) {
    if (!item.ok) return kExitFailed;
  }
  return kExitCompleted;
}

int command_check_migration_status(const Config& config, const CheckOptions& options,
                                   std::ostream& out) {
  // --schedule runs backfills inline: a cancelled job must pause them
  // cleanly, as `backfill run` does.
  install_stop_signal_handlers();
  SystemClock clock;
  return command_check_migration_status(config, options, out, clock);
}

}  // namespace backfill::cli
