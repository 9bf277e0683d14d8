#include "backfill/core/duration.hpp"

#include <algorithm>
#include <cctype>

#include "backfill/core/errors.hpp"

namespace backfill {

namespace {

// The text as the message shows it: a value of a million digits must not
// make a message of a million characters.
std::string shown(const std::string& text) {
  constexpr std::size_t kMax = 40;
  return text.size() > kMax ? text.substr(0, kMax) + "..." : text;
}

int unit_rank(char unit) { return unit == 'h' ? 3 : unit == 'm' ? 2 : unit == 's' ? 1 : 0; }
long long unit_seconds(char unit) {
  return unit == 'h' ? 3600 : unit == 'm' ? 60 : unit == 's' ? 1 : 0;
}

}  // namespace

std::chrono::seconds parse_duration(const std::string& text) {
  auto bad = [&] {
    return UsageError("invalid duration '" + shown(text) +
                      "': expected a positive duration such as 90s, 45m or 5h45m");
  };
  // Every number saturates just above the maximum, so that arbitrarily long
  // digit strings neither overflow nor pass; the text is still read to the
  // end, so malformed text is reported as malformed.
  const long long cap = kMaxDuration.count() + 1;
  if (text.empty()) throw bad();
  long long total = 0;
  std::size_t i = 0;
  char last_unit = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) throw bad();
    long long value = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      if (value < cap) value = value * 10 + (text[i] - '0');
    }
    long long scale = 1;  // a bare number is seconds, but only on its own ("90", not "1h30")
    if (i == text.size()) {
      if (last_unit) throw bad();
    } else {
      const char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
      // Units must be known and in descending order: "5h45m", never "45m5h".
      scale = unit_seconds(unit);
      if (scale == 0 || (last_unit && unit_rank(unit) >= unit_rank(last_unit))) throw bad();
      last_unit = unit;
    }
    total += std::min(value, cap) * scale;  // at most 3 terms of ~9.3e9: no overflow
    if (total > cap) total = cap;
  }
  if (total <= 0) throw bad();
  if (total > kMaxDuration.count()) {
    throw UsageError("duration '" + shown(text) + "' is longer than the maximum of " +
                     std::to_string(kMaxDuration.count() / 3600) + "h (30 days)");
  }
  return std::chrono::seconds(total);
}

std::chrono::seconds parse_setting_duration(std::string_view setting, const std::string& text) {
  try {
    return parse_duration(text);
  } catch (const UsageError& e) {
    throw UsageError(std::string(setting) + ": " + e.what());
  }
}

std::string format_duration(std::chrono::seconds d) {
  long long s = d.count();
  if (s < 0) s = 0;
  long long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
  std::string out;
  if (h) out += std::to_string(h) + "h";
  if (h || m) out += (h && m < 10 ? "0" : "") + std::to_string(m) + "m";
  out += ((h || m) && sec < 10 ? "0" : "") + std::to_string(sec) + "s";
  return out;
}

}  // namespace backfill
