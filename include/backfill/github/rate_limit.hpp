#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"

namespace backfill::github {

class HeaderMap;

// Bounds that keep every computation on a hostile header safe (durations,
// epoch + 1 s, remaining - reserve, ...): GitHub's real values are far
// inside them.
inline constexpr std::int64_t kLatestResetEpoch = 4'102'444'800;  // 2100-01-01T00:00:00Z
inline constexpr std::int64_t kMaxRateCount = 1'000'000'000'000;

// The x-ratelimit-* headers of one response.
struct RateLimitSnapshot {
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> remaining;
  std::optional<std::int64_t> used;
  std::optional<std::int64_t> reset_epoch;  // seconds since the Unix epoch
  std::string resource;                     // "core", "search", ...

  bool known() const { return remaining.has_value(); }
  // The reset as a time, clamped to [1970, kLatestResetEpoch]: a reset
  // before 1970 is merely in the past, one after 2100 merely far away.
  std::optional<SystemTime> reset_time() const;
};

// Makes a snapshot's numbers safe to compute with: a negative count is
// unknown, a count above kMaxRateCount is kMaxRateCount, the reset epoch is
// clamped to [0, kLatestResetEpoch].
void sanitize(RateLimitSnapshot& snapshot);

// The headers' values, sanitized; a value that is not a plain integer is
// unknown.
RateLimitSnapshot parse_rate_limit(const HeaderMap& headers);

}  // namespace backfill::github
