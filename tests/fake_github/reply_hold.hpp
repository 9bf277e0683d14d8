#pragma once
// Holding a reply back (Fault::kSlowReply) without making shutdown wait for
// it: each hold is a timed wait on a condition variable that stop() wakes.
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace fake_github {

class ReplyHold {
 public:
  // Waits `duration`, or less if interrupt() comes first (before or during
  // the wait). Returns true when the whole duration passed.
  bool wait(std::chrono::milliseconds duration);
  // Wakes every wait and makes later ones return at once, until rearm().
  void interrupt();
  void rearm();

 private:
  std::mutex mutex_;
  std::condition_variable woken_;
  bool interrupted_ = false;
};

}  // namespace fake_github
