#include "backfill/engine/shared_budget.hpp"

#include <algorithm>

#include "backfill/engine/budget.hpp"
#include "backfill/engine/retry_policy.hpp"

namespace backfill::engine {

void SharedBudget::offer(const github::RateLimitSnapshot& rate) {
  if (!rate.remaining || !rate.reset_epoch) return;
  // GraphQL's points and REST's requests are budgets of their own: mixing
  // their snapshots would misstate both.
  if ((rate.resource.empty() ? "core" : rate.resource) != resource_) return;
  std::lock_guard lock(mutex_);
  if (!rate_.remaining || !rate_.reset_epoch || *rate.reset_epoch > *rate_.reset_epoch) {
    rate_ = rate;  // a new window: what the old one said no longer applies
    next_slot_.reset();
    return;
  }
  if (*rate.reset_epoch < *rate_.reset_epoch) return;  // a late reply from the last window
  // The same window: replies arrive in any order, the lowest count is the latest.
  rate_.remaining = std::min(*rate_.remaining, *rate.remaining);
  if (rate.used) rate_.used = std::max(rate_.used.value_or(0), *rate.used);
  if (rate.limit) rate_.limit = rate.limit;
}

github::RateLimitSnapshot SharedBudget::snapshot() const {
  std::lock_guard lock(mutex_);
  github::RateLimitSnapshot view = rate_;
  if (view.remaining) view.remaining = std::max<std::int64_t>(0, *view.remaining - in_flight_);
  return view;
}

SharedBudget::Admission SharedBudget::admit(SystemTime now, std::int64_t min_remaining,
                                            std::optional<SystemTime> deadline) {
  std::lock_guard lock(mutex_);
  Admission admission;
  admission.until = now;
  const auto reset = rate_.reset_time();
  // Nothing known yet, or the window has reset (the next reply tells the
  // new one): go, as a single runner would.
  if (!rate_.remaining || !reset || *reset <= now - std::chrono::seconds(1)) {
    ++in_flight_;
    return admission;
  }
  admission.reserve = effective_reserve(rate_, min_remaining);
  admission.remaining = *rate_.remaining - in_flight_;
  if (admission.remaining <= admission.reserve) {
    admission.verdict = Verdict::kWaitForReset;
    admission.until = primary_limit_resume_time(*reset);
    return admission;
  }
  std::int64_t needed = 0;
  for (const auto& [participant, requests] : needed_) needed += requests;
  github::RateLimitSnapshot pooled = rate_;
  pooled.remaining = admission.remaining;
  const Duration interval = pacing_delay(pooled, admission.reserve, needed, now, deadline);
  if (interval > Duration{0}) {
    // Slots one interval apart for everyone: the pace is the pool's, not
    // each worker's.
    admission.until = std::max(now, next_slot_.value_or(now));
    next_slot_ = admission.until + interval;
  }
  ++in_flight_;
  return admission;
}

void SharedBudget::finished() {
  std::lock_guard lock(mutex_);
  if (in_flight_ > 0) --in_flight_;
}

void SharedBudget::set_requests_needed(const void* participant, std::int64_t requests) {
  std::lock_guard lock(mutex_);
  needed_[participant] = std::max<std::int64_t>(0, requests);
}

void SharedBudget::forget(const void* participant) {
  std::lock_guard lock(mutex_);
  needed_.erase(participant);
}

std::int64_t SharedBudget::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}

}  // namespace backfill::engine
