#pragma once
// All time flows through a Clock so that logic never reads a global clock and
// tests drive waits of minutes in microseconds.
#include <chrono>
#include <string>

#include "backfill/core/cancel.hpp"

namespace backfill {

using SystemTime = std::chrono::system_clock::time_point;
using Duration = std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SystemTime now() = 0;
  // Waits until `deadline` or until `cancel` trips. Returns false when it
  // returned early because of the cancellation.
  virtual bool sleep_until(SystemTime deadline, const CancelToken& cancel) = 0;
  bool sleep_for(Duration d, const CancelToken& cancel) { return sleep_until(now() + d, cancel); }
};

// Real time; sleeps in short slices so a signal is noticed within ~50 ms.
class SystemClock final : public Clock {
 public:
  SystemTime now() override;
  bool sleep_until(SystemTime deadline, const CancelToken& cancel) override;
};

// "2024-05-01T12:34:56Z" (UTC, second precision), the form GitHub uses.
std::string format_iso8601(SystemTime t);
// Parses GitHub's "YYYY-MM-DDTHH:MM:SSZ"; throws std::invalid_argument.
SystemTime parse_iso8601(const std::string& text);

}  // namespace backfill
