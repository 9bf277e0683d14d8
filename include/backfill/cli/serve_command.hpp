#pragma once
// `backfill serve`: the live dashboard and Prometheus metrics (src/cli/serve/).
#include <iosfwd>
#include <optional>
#include <string>

#include "backfill/cli/config.hpp"

namespace backfill::cli {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // --listen ADDR:PORT (port 0: any free port)
  std::optional<std::string> token;       // --read-only-token, else BACKFILL_SERVE_TOKEN
};

inline constexpr const char* kServeTokenVariable = "BACKFILL_SERVE_TOKEN";

// Serves until SIGINT/SIGTERM, then returns 0 within 2 s. Prints
// "serving http://ADDR:PORT/" on `out` once it listens. Throws UsageError for
// a bad --listen or token, FatalError when it cannot listen.
int command_serve(const Config& config, ServeOptions options, const EnvLookup& env,
                  std::ostream& out);

}  // namespace backfill::cli
