#pragma once
// A Clock for tests: time moves only when a wait asks it to, instantly, and
// every wait is recorded so a test can assert the exact delays.
#include <functional>
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
    if (during_sleep) during_sleep(std::chrono::duration_cast<Duration>(deadline - now()));
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
  // Runs at the start of every wait, with its length, before the clock
  // moves: e.g. a signal arriving mid-wait.
  std::function<void(Duration)> during_sleep;

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
