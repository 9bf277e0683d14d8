// `backfill work`: the command around the workers of fleet/work.hpp.
#include "backfill/cli/fleet_commands.hpp"
#include "backfill/cli/settings.hpp"

namespace backfill::cli {

int command_work(const Config& config, fleet::WorkOptions options, std::ostream& out, Clock& clock,
                 const CancelToken& cancel) {
  if (!options.time_budget) options.time_budget = config.time_budget;
  return fleet::run_work(fleet_settings_from(config), options, out, clock, cancel);
}

int command_work(const Config& config, fleet::WorkOptions options, std::ostream& out) {
  install_stop_signal_handlers();
  SystemClock clock;
  return command_work(config, std::move(options), out, clock, process_cancel_token());
}

}  // namespace backfill::cli
