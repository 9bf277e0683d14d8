#pragma once
// The rate-limit governors of a process's workers, one per budget GitHub
// keeps: with a token there is one (the token's); as a GitHub App there is
// one per installation, since each installation has its own hourly budget.
// A worker takes the governor of the installation its repository belongs
// to, so an installation that ran out holds back only its own repositories.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "backfill/engine/shared_budget.hpp"

namespace backfill::engine {

class BudgetPool {
 public:
  // The governor of `installation` (nullopt: the token's), made on first
  // use. The reference stays valid as long as the pool.
  SharedBudget& of(std::optional<std::int64_t> installation);

  // Every governor made so far with its installation (nullopt: the token's),
  // in installation order.
  std::vector<std::pair<std::optional<std::int64_t>, const SharedBudget*>> all() const;

 private:
  mutable std::mutex mutex_;
  // unique_ptr: SharedBudget holds a mutex and must not move.
  std::map<std::optional<std::int64_t>, std::unique_ptr<SharedBudget>> budgets_;
};

}  // namespace backfill::engine
