#pragma once
// Pure rules that follow the rate-limit budget: how long to hold back before
// the next request, and how big a chunk to commit. Both are functions of a
// snapshot of the x-ratelimit-* headers and a time passed in.
#include <cstdint>
#include <optional>

#include "backfill/core/clock.hpp"
#include "backfill/github/rate_limit.hpp"

namespace backfill::engine {

// GitHub's primary rate-limit window: a reset is never further away.
inline constexpr Duration kRateLimitWindow = std::chrono::hours(1);

// The calls kept for the token's other users: --min-remaining, but never more
// than a tenth of the limit, or an unauthenticated caller (60 an hour) could
// never send anything.
std::int64_t effective_reserve(const github::RateLimitSnapshot& rate, std::int64_t min_remaining);

// Delay before the next request when the budget cannot cover the work left:
//  - nothing known, or the usable budget (remaining - reserve) covers the
//    requests still needed: no delay, go at full speed;
//  - otherwise spread the usable calls evenly over what is left of the
//    window, so the token is never drained ahead of its other users:
//    (horizon - now) / (usable + 1), the horizon being the reset (at most
//    kRateLimitWindow away) or, when the run must end sooner, its deadline
//    (the budget is better spent than left unused when the run pauses).
// A usable budget of zero is not paced but waited out (RequestRunner).
Duration pacing_delay(const github::RateLimitSnapshot& rate, std::int64_t reserve,
                      std::int64_t requests_needed, SystemTime now,
                      std::optional<SystemTime> deadline = std::nullopt);

// The chunk size for the next chunk, between 25 and 50 as the design says,
// never above the user's --chunk-size (`ceiling`; below 25 it is used as
// is). With half the limit or more usable: the ceiling. Below that it
// shrinks linearly toward 25 (at zero usable): a run short of budget pauses
// and paces, and smaller chunks keep its commits, metrics and progress view
// moving in small steps between those waits.
int adaptive_chunk_size(int ceiling, const github::RateLimitSnapshot& rate, std::int64_t reserve);

}  // namespace backfill::engine
