#pragma once
// Migrations embedded at build time (cmake/EmbedMigrations.cmake).
#include <string>
#include <vector>

namespace backfill::store {

struct EmbeddedMigration {
  const char* engine;   // "sqlite" or "postgres"
  const char* version;  // file stem, e.g. "0001_initial"; applied in this order
  const char* sql;
};

const std::vector<EmbeddedMigration>& all_embedded_migrations();

}  // namespace backfill::store
