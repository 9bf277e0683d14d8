#include "backfill/github/rate_limit.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "backfill/github/http.hpp"

namespace backfill::github {
namespace {

std::optional<std::int64_t> integer_header(const HeaderMap& headers, const std::string& name) {
  auto value = headers.get(name);
  if (!value) return std::nullopt;
  std::string_view text = *value;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::int64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || end != text.data() + text.size()) return std::nullopt;
  // Too many digits is still a number, just an absurd one: sanitize() bounds it.
  if (ec == std::errc::result_out_of_range)
    return text.front() == '-' ? std::numeric_limits<std::int64_t>::min()
                               : std::numeric_limits<std::int64_t>::max();
  if (ec != std::errc()) return std::nullopt;
  return number;
}

}  // namespace

std::optional<SystemTime> RateLimitSnapshot::reset_time() const {
  if (!reset_epoch) return std::nullopt;
  // Clamped before it becomes a duration: seconds(INT64_MAX) overflows the
  // clock's nanoseconds.
  return SystemTime(
      std::chrono::seconds(std::clamp<std::int64_t>(*reset_epoch, 0, kLatestResetEpoch)));
}

void sanitize(RateLimitSnapshot& snapshot) {
  for (auto* count : {&snapshot.limit, &snapshot.remaining, &snapshot.used}) {
    if (!*count) continue;
    if (**count < 0) {
      count->reset();
    } else {
      **count = std::min(**count, kMaxRateCount);
    }
  }
  if (snapshot.reset_epoch)
    snapshot.reset_epoch = std::clamp<std::int64_t>(*snapshot.reset_epoch, 0, kLatestResetEpoch);
}

RateLimitSnapshot parse_rate_limit(const HeaderMap& headers) {
  RateLimitSnapshot snapshot;
  snapshot.limit = integer_header(headers, "x-ratelimit-limit");
  snapshot.remaining = integer_header(headers, "x-ratelimit-remaining");
  snapshot.used = integer_header(headers, "x-ratelimit-used");
  snapshot.reset_epoch = integer_header(headers, "x-ratelimit-reset");
  snapshot.resource = headers.get("x-ratelimit-resource").value_or("");
  sanitize(snapshot);
  return snapshot;
}

}  // namespace backfill::github
