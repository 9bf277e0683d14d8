#include "fake_github/reply_hold.hpp"

namespace fake_github {

bool ReplyHold::wait(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  // wait_for with a predicate absorbs spurious wake-ups: it returns false
  // only once the full duration has passed without an interrupt.
  return !woken_.wait_for(lock, duration, [this] { return interrupted_; });
}

void ReplyHold::interrupt() {
  {
    std::lock_guard lock(mutex_);
    interrupted_ = true;
  }
  woken_.notify_all();
}

void ReplyHold::rearm() {
  std::lock_guard lock(mutex_);
  interrupted_ = false;
}

}  // namespace fake_github
