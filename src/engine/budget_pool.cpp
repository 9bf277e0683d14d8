#include "backfill/engine/budget_pool.hpp"

namespace backfill::engine {

SharedBudget& BudgetPool::of(std::optional<std::int64_t> installation, RateResource resource) {
  std::lock_guard lock(mutex_);
  auto& budget = budgets_[{installation, resource}];
  if (!budget) {
    budget =
        std::make_unique<SharedBudget>(resource == RateResource::kGraphql ? "graphql" : "core");
  }
  return *budget;
}

}  // namespace backfill::engine
