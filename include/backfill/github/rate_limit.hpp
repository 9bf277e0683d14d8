#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"

namespace backfill::github {

class HeaderMap;

// The x-ratelimit-* headers of one response.
struct RateLimitSnapshot {
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> remaining;
  std::optional<std::int64_t> used;
  std::optional<std::int64_t> reset_epoch;  // seconds since the Unix epoch
  std::string resource;                     // "core", "search", ...

  bool known() const { return remaining.has_value(); }
  std::optional<SystemTime> reset_time() const;
};

RateLimitSnapshot parse_rate_limit(const HeaderMap& headers);

}  // namespace backfill::github
