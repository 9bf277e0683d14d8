#include "backfill/engine/budget_pool.hpp"

namespace backfill::engine {

SharedBudget& BudgetPool::of(std::optional<std::int64_t> installation) {
  std::lock_guard lock(mutex_);
  auto& budget = budgets_[installation];
  if (!budget) budget = std::make_unique<SharedBudget>();
  return *budget;
}

std::vector<std::pair<std::optional<std::int64_t>, const SharedBudget*>> BudgetPool::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::optional<std::int64_t>, const SharedBudget*>> out;
  for (const auto& [installation, budget] : budgets_) out.emplace_back(installation, budget.get());
  return out;
}

}  // namespace backfill::engine
