#pragma once
// Scheduling, the acting half (`check-migration-status --schedule`): carries
// out plan_schedule() — dispatches to GitHub Actions at least 1 s apart
// (GitHub's content-creation limit), inline backfills one after another, each
// within the inline budget — and reports what it did and why.
#include <chrono>
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/fleet/fleet_settings.hpp"
#include "backfill/fleet/migration_status.hpp"
#include "backfill/fleet/schedule.hpp"

namespace backfill::fleet {

struct ScheduleOptions {
  ScheduleSettings settings;
  std::optional<RepoName> dispatch_repo;  // --dispatch-repo, else GITHUB_REPOSITORY
  std::chrono::seconds inline_budget = kDefaultInlineBudget;
  // After the backfills, completed repositories not refreshed for this long
  // (or never) are refreshed inline, each within the inline budget.
  std::chrono::seconds refresh_every = kDefaultRefreshEvery;
};

struct ScheduledItem {
  ScheduleDecision decision;
  std::string result;  // "dispatched", "completed", "paused: ...", "failed: ...", "" for skips
  bool ok = true;
};

// Plans from `status` (collected just before) and acts. Dispatch and inline
// failures are reported per repository and do not stop the others.
std::vector<ScheduledItem> run_schedule(const FleetSettings& settings,
                                        const ScheduleOptions& options,
                                        const MigrationStatus& status, Clock& clock);

std::string schedule_table(const std::vector<ScheduledItem>& items);
nlohmann::json schedule_json(const std::vector<ScheduledItem>& items);
// Markdown for the scheduler job's step summary.
std::string schedule_markdown(const std::vector<ScheduledItem>& items);

}  // namespace backfill::fleet
