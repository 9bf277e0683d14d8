#include "backfill/core/duration.hpp"

#include <cctype>

#include "backfill/core/errors.hpp"

namespace backfill {

std::chrono::seconds parse_duration(const std::string& text) {
  auto bad = [&] {
    return UsageError("invalid duration '" + text +
                      "': expected a positive duration such as 90s, 45m or 5h45m");
  };
  if (text.empty()) throw bad();
  long long total = 0;
  std::size_t i = 0;
  bool any_unit = false;
  char last_unit = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) throw bad();
    long long value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      value = value * 10 + (text[i] - '0');
      if (value > 10'000'000'000LL) throw bad();
      ++i;
    }
    if (i == text.size()) {
      // A bare number is seconds, but only on its own ("90"), not "1h30".
      if (any_unit) throw bad();
      total += value;
      break;
    }
    char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
    long long scale = unit == 'h' ? 3600 : unit == 'm' ? 60 : unit == 's' ? 1 : 0;
    // Units must be known and in descending order: "5h45m", never "45m5h".
    auto rank = [](char u) { return u == 'h' ? 3 : u == 'm' ? 2 : u == 's' ? 1 : 0; };
    if (scale == 0 || (last_unit && rank(unit) >= rank(last_unit))) throw bad();
    last_unit = unit;
    any_unit = true;
    total += value * scale;
  }
  if (total <= 0) throw bad();
  return std::chrono::seconds(total);
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
