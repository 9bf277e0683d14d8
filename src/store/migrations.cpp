#include "store/migrations.hpp"

#include <algorithm>
#include <cstring>

namespace backfill::store {

std::vector<EmbeddedMigration> migrations_for(std::string_view engine) {
  std::vector<EmbeddedMigration> out;
  for (const auto& m : all_embedded_migrations()) {
    if (engine == m.engine) out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](const EmbeddedMigration& a, const EmbeddedMigration& b) {
    return std::strcmp(a.version, b.version) < 0;
  });
  return out;
}

}  // namespace backfill::store
