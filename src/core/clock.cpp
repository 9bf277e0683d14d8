#include "backfill/core/clock.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <thread>

namespace backfill {

SystemTime SystemClock::now() { return std::chrono::system_clock::now(); }

bool SystemClock::sleep_until(SystemTime deadline, const CancelToken& cancel) {
  // Short slices: a SIGTERM during a one-hour rate-limit wait must be noticed
  // well inside the 7.5 s GitHub Actions grants before SIGKILL.
  constexpr auto kSlice = std::chrono::milliseconds(50);
  while (!cancel.stop_requested()) {
    auto left = deadline - std::chrono::system_clock::now();
    if (left <= SystemTime::duration::zero()) return true;
    std::this_thread::sleep_for(std::min<SystemTime::duration>(left, kSlice));
  }
  return false;
}

std::string format_iso8601(SystemTime t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

SystemTime parse_iso8601(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed < 19) {
    throw std::invalid_argument("not an ISO-8601 timestamp: " + text);
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace backfill
