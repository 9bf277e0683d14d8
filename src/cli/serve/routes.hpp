#pragma once
// The HTTP routes of `backfill serve` on a cpp-httplib server.
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "cli/serve/change_hub.hpp"
#include "cli/serve/dashboard_source.hpp"

namespace httplib {
class Server;
}

namespace backfill::cli::serve {

struct RouteContext {
  DashboardSource& source;
  ChangeHub& hub;
  Clock& clock;
  std::optional<std::string> token;  // --read-only-token: required for all but /healthz
};

// /, /repos/OWNER/NAME, /api/backfills, /api/repos/OWNER/NAME, /metrics,
// /healthz, /events (Server-Sent Events), /assets/*.
void add_routes(httplib::Server& server, RouteContext& context);

}  // namespace backfill::cli::serve
