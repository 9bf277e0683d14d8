#include "fleet/text_format.hpp"

namespace backfill::fleet {}  // namespace backfill::fleet

namespace backfill::fleet {

std::string coarse_duration(std::chrono::seconds d) {
  const long long s = d.count() < 0 ? 0 : d.count();
  auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  if (s >= 86400) return std::to_string(s / 86400) + "d" + two(s % 86400 / 3600) + "h";
  if (s >= 3600) return std::to_string(s / 3600) + "h" + two(s % 3600 / 60) + "m";
  if (s >= 60) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

}  // namespace backfill::fleet
