#pragma once
// The PostgreSQL work queue (store/work_queue.hpp): claims with
// SELECT ... FOR NO KEY UPDATE SKIP LOCKED on a connection of its own, locks
// with the worker's store (a session advisory lock on its own connection).
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "backfill/store/work_queue.hpp"

namespace backfill::store {

class PostgresWorkQueue final : public WorkQueue {
 public:
  // Throws FatalError (without the password) when it cannot connect.
  PostgresWorkQueue(const std::string& url, Store& locks);
  ~PostgresWorkQueue() override;

  std::optional<Claim> claim_next(const std::string& now,
                                  const std::set<std::string>& skip) override;
  std::int64_t unfinished() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace backfill::store
