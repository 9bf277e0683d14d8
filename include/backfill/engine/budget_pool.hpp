#pragma once
// The rate-limit governors of a process's workers, one per budget GitHub
// keeps: with a token there is one per API (REST's `core` requests and
// GraphQL's points are counted apart, as x-ratelimit-resource says); as a
// GitHub App there is one per installation and API, since each
// installation has its own hourly budgets. A worker takes the governors of
// the installation its repository belongs to, so an installation that ran
// out holds back only its own repositories, and a depth run's GraphQL
// points never pass for REST requests (or the reverse).
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "backfill/engine/shared_budget.hpp"

namespace backfill::engine {

enum class RateResource { kCore, kGraphql };

class BudgetPool {
 public:
  // The governor of `installation`'s `resource` budget (installation
  // nullopt: the token's), made on first use. The reference stays valid as
  // long as the pool.
  SharedBudget& of(std::optional<std::int64_t> installation,
                   RateResource resource = RateResource::kCore);

 private:
  mutable std::mutex mutex_;
  // unique_ptr: SharedBudget holds a mutex and must not move.
  std::map<std::pair<std::optional<std::int64_t>, RateResource>, std::unique_ptr<SharedBudget>>
      budgets_;
};

}  // namespace backfill::engine
