#pragma once
// The engine in-process against a hostile server: the real curl transport
// and client, a fresh SQLite database, and a ManualClock so that waits of
// hours take no time and can be counted.
#include <cstdint>
#include <string>

#include "backfill/engine/backfill_run.hpp"
#include "backfill/github/http.hpp"
#include "hostile/hostile_server.hpp"
#include "support/manual_clock.hpp"
#include "support/test_databases.hpp"

namespace hostile {

inline constexpr const char* kToken = "ghp_hostileTestToken0000000000000000000000";

struct HostileRun {
  explicit HostileRun(const HostileServer& server);

  backfill::engine::RunParams params() const;  // the server's repository, 3 retries
  backfill::engine::RunOutcome run(const backfill::engine::RunParams& params);
  std::int64_t epoch_now() { return std::chrono::system_clock::to_time_t(clock.now()); }
  std::string db_url() const { return db.database.url(); }

  const HostileServer& server;
  backfill::testing::ManualClock clock;
  backfill::CancelToken cancel;
  backfill::testing::FreshStore db{backfill::store::Backend::kSqlite};
  backfill::github::TransportOptions options;
};

}  // namespace hostile
