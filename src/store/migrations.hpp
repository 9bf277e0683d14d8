#pragma once
#include <string_view>
#include <vector>

#include "store/embedded_migrations.hpp"

namespace backfill::store {

// The embedded migrations of one engine ("sqlite" or "postgres"), in the
// order they must be applied (by version, i.e. file stem).
std::vector<EmbeddedMigration> migrations_for(std::string_view engine);

}  // namespace backfill::store
