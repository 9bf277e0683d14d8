#include "backfill/github/rate_limit.hpp"

#include <charconv>

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
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return number;
}

}  // namespace

std::optional<SystemTime> RateLimitSnapshot::reset_time() const {
  if (!reset_epoch) return std::nullopt;
  return SystemTime(std::chrono::seconds(*reset_epoch));
}

RateLimitSnapshot parse_rate_limit(const HeaderMap& headers) {
  RateLimitSnapshot snapshot;
  snapshot.limit = integer_header(headers, "x-ratelimit-limit");
  snapshot.remaining = integer_header(headers, "x-ratelimit-remaining");
  snapshot.used = integer_header(headers, "x-ratelimit-used");
  snapshot.reset_epoch = integer_header(headers, "x-ratelimit-reset");
  snapshot.resource = headers.get("x-ratelimit-resource").value_or("");
  return snapshot;
}

}  // namespace backfill::github
