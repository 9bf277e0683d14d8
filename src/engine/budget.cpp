#include "backfill/engine/budget.hpp"

#include <algorithm>

namespace backfill::engine {

std::int64_t effective_reserve(const github::RateLimitSnapshot& rate, std::int64_t min_remaining) {
  if (!rate.limit) return min_remaining;
  return std::min(min_remaining, *rate.limit / 10);
}

Duration pacing_delay(const github::RateLimitSnapshot& rate, std::int64_t reserve,
                      std::int64_t requests_needed, SystemTime now,
                      std::optional<SystemTime> deadline) {
  if (!rate.remaining || !rate.reset_time()) return Duration{0};
  const std::int64_t usable = *rate.remaining - reserve;
  if (usable <= 0 || requests_needed <= usable) return Duration{0};
  auto horizon = *rate.reset_time();
  if (deadline && *deadline < horizon) horizon = *deadline;
  // A window is an hour: a reset further away is not believed, or an absurd
  // one would stretch each pace to days.
  horizon = std::min(horizon, now + kRateLimitWindow);
  const auto window = horizon - now;
  if (window <= SystemTime::duration::zero()) return Duration{0};
  return std::chrono::duration_cast<Duration>(window / (usable + 1));
}

int adaptive_chunk_size(int ceiling, const github::RateLimitSnapshot& rate, std::int64_t reserve) {
  constexpr int kDesignMin = 25;
  const int floor = std::min(kDesignMin, ceiling);
  if (!rate.remaining || !rate.limit || *rate.limit <= 0) return ceiling;
  const std::int64_t usable = std::max<std::int64_t>(0, *rate.remaining - reserve);
  const std::int64_t half = *rate.limit / 2;
  if (usable >= half || half == 0) return ceiling;
  const double share = static_cast<double>(usable) / static_cast<double>(half);
  return std::clamp(floor + static_cast<int>(share * (ceiling - floor)), floor, ceiling);
}

}  // namespace backfill::engine
