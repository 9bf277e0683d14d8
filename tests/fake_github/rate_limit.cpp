#include "fake_github/rate_limit.hpp"

#include <algorithm>

namespace fake_github {
namespace {

// When the clock has reached the reset, the budget is whole again and the
// next reset is one window later. A clock that jumped several windows ahead
// lands on the first reset still in the future, so a refilled budget never
// reports a reset in the past.
void refill_if_due(Budget& budget, std::int64_t now_epoch) {
  if (now_epoch < budget.reset_epoch) return;
  budget.remaining = budget.limit;
  const std::int64_t windows_passed =
      (now_epoch - budget.reset_epoch) / RateLimiter::kWindowSeconds + 1;
  budget.reset_epoch += windows_passed * RateLimiter::kWindowSeconds;
}

}  // namespace

void RateLimiter::override_budget(std::int64_t limit, std::int64_t remaining,
                                  std::int64_t reset_epoch) {
  set_override(Override{limit, remaining, reset_epoch});
}

void RateLimiter::override_remaining(std::int64_t remaining, std::int64_t reset_epoch) {
  set_override(Override{std::nullopt, remaining, reset_epoch});
}

void RateLimiter::set_budget(const std::string& caller, Budget budget) {
  std::lock_guard lock(mutex_);
  budgets_[caller] = budget;
}

void RateLimiter::set_override(Override value) {
  std::lock_guard lock(mutex_);
  override_ = value;
  budgets_.clear();
}

RateLimiter::Spend RateLimiter::spend(const std::string& caller, bool authenticated,
                                      std::int64_t now_epoch) {
  std::lock_guard lock(mutex_);
  Budget& budget = budget_of(caller, authenticated, now_epoch);
  if (budget.remaining <= 0) return {false, budget};
  --budget.remaining;
  return {true, budget};
}

RateLimiter::Spend RateLimiter::spend_points(const std::string& caller, bool authenticated,
                                             std::int64_t now_epoch, std::int64_t points) {
  std::lock_guard lock(mutex_);
  Budget& budget = budget_of(caller, authenticated, now_epoch);
  if (budget.remaining < points) return {false, budget};
  budget.remaining -= points;
  return {true, budget};
}

Budget RateLimiter::exhaust(const std::string& caller, bool authenticated, std::int64_t now_epoch) {
  std::lock_guard lock(mutex_);
  Budget& budget = budget_of(caller, authenticated, now_epoch);
  budget.remaining = 0;
  return budget;
}

Budget RateLimiter::peek(const std::string& caller, bool authenticated, std::int64_t now_epoch) {
  std::lock_guard lock(mutex_);
  return budget_of(caller, authenticated, now_epoch);
}

Budget& RateLimiter::budget_of(const std::string& caller, bool authenticated,
                               std::int64_t now_epoch) {
  auto [it, inserted] = budgets_.try_emplace(caller);
  Budget& budget = it->second;
  if (inserted) {
    const std::int64_t usual = authenticated ? kAuthenticatedLimit : kUnauthenticatedLimit;
    if (override_) {
      // Without a set limit, a remaining above the usual one raises the
      // limit with it, so x-ratelimit-used never goes negative.
      const std::int64_t limit = override_->limit.value_or(std::max(usual, override_->remaining));
      budget = Budget{limit, override_->remaining, override_->reset_epoch};
    } else {
      budget = Budget{usual, usual, now_epoch + kWindowSeconds};
    }
  }
  refill_if_due(budget, now_epoch);
  return budget;
}

}  // namespace fake_github
