#include "fake_github/rate_limit.hpp"

namespace fake_github {

void RateLimiter::override_budget(std::int64_t limit, std::int64_t remaining,
                                  std::int64_t reset_epoch) {
  std::lock_guard lock(mutex_);
  override_ = Budget{limit, remaining, reset_epoch};
  budgets_.clear();
}

RateLimiter::Spend RateLimiter::spend(const std::string& caller, bool authenticated,
                                      std::int64_t now_epoch) {
  std::lock_guard lock(mutex_);
  Budget& budget = entry(caller, authenticated, now_epoch).budget;
  if (budget.remaining <= 0) return {false, budget};
  --budget.remaining;
  return {true, budget};
}

Budget RateLimiter::peek(const std::string& caller, bool authenticated, std::int64_t now_epoch) {
  std::lock_guard lock(mutex_);
  return entry(caller, authenticated, now_epoch).budget;
}

RateLimiter::Entry& RateLimiter::entry(const std::string& caller, bool authenticated,
                                       std::int64_t now_epoch) {
  auto [it, inserted] = budgets_.try_emplace(caller);
  Entry& entry = it->second;
  if (inserted && override_) {
    entry.budget = *override_;
    entry.refills = false;
  } else if (inserted || (entry.refills && now_epoch >= entry.budget.reset_epoch)) {
    const std::int64_t limit = authenticated ? kAuthenticatedLimit : kUnauthenticatedLimit;
    entry.budget = Budget{limit, limit, now_epoch + kWindowSeconds};
  }
  return entry;
}

}  // namespace fake_github
