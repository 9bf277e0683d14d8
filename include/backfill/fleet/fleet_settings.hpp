#pragma once
// What the fleet (scheduler, workers) needs of the configuration, resolved
// by the CLI (cli/settings.hpp): where the database is, how to reach GitHub,
// and how each backfill runs.
#include <string>

#include "backfill/engine/backfill_settings.hpp"
#include "backfill/engine/github_session.hpp"

namespace backfill::fleet {

struct FleetSettings {
  std::string database_url;
  engine::SessionSettings github;
  engine::BackfillSettings backfill;
};

}  // namespace backfill::fleet
