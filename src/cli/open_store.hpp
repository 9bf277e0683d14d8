#pragma once
#include <memory>

#include "backfill/cli/config.hpp"
#include "backfill/store/store.hpp"

namespace backfill::cli {

// The configured database with every migration applied: what each command
// that reads or writes backfills starts from.
std::unique_ptr<store::Store> open_migrated_store(const Config& config);

}  // namespace backfill::cli
