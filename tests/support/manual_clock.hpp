#pragma once
// A Clock for tests: time moves only when a wait asks it to, instantly, and
// every wait is recorded so a test can assert the exact delays.
#include <mutex>
#include <vector>

#include "backfill/core/clock.hpp"

namespace backfill::testing {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(SystemTime start = SystemTime(std::chrono::seconds(1'700'000'000)))
      : now_(start) {}

  SystemTime now() override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  bool sleep_until(SystemTime deadline, const CancelToken& cancel) override {
    std::lock_guard lock(mutex_);
    if (cancel.stop_requested()) return false;
    if (deadline > now_) {
      waits_.push_back(std::chrono::duration_cast<Duration>(deadline - now_));
      now_ = deadline;
    }
    return true;
  }
  void advance(Duration d) {
    std::lock_guard lock(mutex_);
    now_ += d;
  }
  std::vector<Duration> waits() const {
    std::lock_guard lock(mutex_);
    return waits_;
  }

 private:
  mutable std::mutex mutex_;
  SystemTime now_;
  std::vector<Duration> waits_;
};

}  // namespace backfill::testing
