#include "cli/open_store.hpp"

namespace backfill::cli {

std::unique_ptr<store::Store> open_migrated_store(const Config& config) {
  auto store = store::open_store(config.database_url);
  store->migrate();
  return store;
}

}  // namespace backfill::cli
