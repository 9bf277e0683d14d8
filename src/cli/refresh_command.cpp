// `backfill refresh`: one repository (run_command.cpp does the work, since a
// plain run of a completed repository refreshes it too) or all of them.
#include "backfill/cli/refresh_command.hpp"

#include "backfill/cli/settings.hpp"
#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/fleet/refresh_all.hpp"

namespace backfill::cli {

int command_refresh(const Config& config, const RefreshOptions& options, std::ostream& out) {
  if (options.all == config.repo.has_value()) {
    throw UsageError("refresh needs exactly one of --repo OWNER/NAME and --all");
  }
  if (!options.all) return run_or_refresh(config, out, true);
  install_stop_signal_handlers();
  SystemClock clock;
  return fleet::refresh_all(fleet_settings_from(config), config.time_budget, out, clock,
                            process_cancel_token());
}

}  // namespace backfill::cli
