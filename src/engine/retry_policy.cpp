#include "backfill/engine/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace backfill::engine {

Duration transient_backoff(const RetryPolicy& policy, int retry, double uniform01) {
  const double base = static_cast<double>(policy.base_delay.count());
  const double cap = static_cast<double>(policy.max_delay.count());
  const double ceiling = std::min(cap, base * std::pow(2.0, std::clamp(retry, 0, 30)));
  const double u = std::clamp(uniform01, 0.0, 1.0);
  return Duration(static_cast<Duration::rep>(ceiling * u));
}

Duration secondary_limit_wait(const RetryPolicy& policy, std::optional<long> retry_after_seconds,
                              int repeat) {
  Duration first = policy.secondary_min_wait;
  if (retry_after_seconds && *retry_after_seconds >= 0) {
    first = std::chrono::seconds(std::min(*retry_after_seconds, kMaxRetryAfterSeconds));
  }
  const double grown =
      static_cast<double>(first.count()) * std::pow(2.0, std::clamp(repeat, 0, 20));
  const double cap = static_cast<double>(std::max(policy.secondary_max_wait, first).count());
  return Duration(static_cast<Duration::rep>(std::min(grown, cap)));
}

SystemTime primary_limit_resume_time(SystemTime reset) { return reset + std::chrono::seconds(1); }

SystemTime primary_limit_retry_time(const RetryPolicy& policy, SystemTime reset, SystemTime now,
                                    int repeat) {
  const SystemTime resume = primary_limit_resume_time(reset);
  if (resume > now) return resume;
  return now + secondary_limit_wait(policy, std::nullopt, repeat);
}

}  // namespace backfill::engine
