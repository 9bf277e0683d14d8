#pragma once
// The subcommands, free of CLI11 (which only src/cli/app.cpp includes).
#include <iosfwd>
#include <optional>

#include "backfill/cli/config.hpp"

namespace backfill::cli {

struct StatusOptions {
  bool json = false;
  bool all = false;  // every backfill, not only the active ones
};

// Each returns the process exit code; errors surface as exceptions that
// run_app maps to exit codes.
int command_run(const Config& config, std::ostream& out);
int command_status(const Config& config, const StatusOptions& options, std::ostream& out);
int command_migrate(const Config& config, std::ostream& out);
int command_rate_limit(const Config& config, bool json, std::ostream& out);

}  // namespace backfill::cli
