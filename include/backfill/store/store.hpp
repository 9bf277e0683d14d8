#pragma once
// The whole storage interface: what a backfill run needs (backfill_store.hpp),
// the registry (registry.hpp), the status view (status_view.hpp) and
// migrations. It speaks the domain, not SQL, so each engine can take its own
// fast path (PostgreSQL: batched multi-row statements; SQLite: prepared
// statements in one transaction). One implementation per backend, chosen by
// URL scheme in open_store(). Callers take the narrowest interface they use.
#include <memory>
#include <string>
#include <vector>

#include "backfill/store/backfill_store.hpp"
#include "backfill/store/depth_refresh_store.hpp"
#include "backfill/store/depth_store.hpp"
#include "backfill/store/records.hpp"
#include "backfill/store/refresh_store.hpp"
#include "backfill/store/registry.hpp"
#include "backfill/store/status_view.hpp"
#include "backfill/store/stream_store.hpp"

namespace backfill::store {

class Store : public BackfillStore,
              public DepthStore,
              public Registry,
              public StatusView,
              public RefreshStore,
              public DepthRefreshStore,
              public StreamStore {
 public:
  // Applies pending migrations in order, recording them in schema_migrations.
  // Idempotent and safe against a concurrent migrate() from another process.
  // Returns the versions applied by this call.
  virtual std::vector<std::string> migrate() = 0;
};

// "postgres://", "postgresql://" -> PostgreSQL; "sqlite:PATH", "sqlite://PATH"
// or a bare path -> SQLite. Throws UsageError for an unknown scheme and
// FatalError when the database cannot be opened (message redacted).
std::unique_ptr<Store> open_store(const std::string& database_url);

// The same rules, without opening anything (for config validation).
enum class Backend { kSqlite, kPostgres };
Backend backend_for_url(const std::string& database_url);
std::string sqlite_path_for_url(const std::string& database_url);

}  // namespace backfill::store
