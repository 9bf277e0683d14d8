#pragma once
// A stop request shared by the signal handler, waits and transfers.
#include <atomic>

namespace backfill {

class CancelToken {
 public:
  void request_stop() noexcept { stop_.store(true, std::memory_order_relaxed); }
  bool stop_requested() const noexcept { return stop_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> stop_{false};
};

// The token that SIGINT/SIGTERM trip once install_stop_signal_handlers() ran.
CancelToken& process_cancel_token();
void install_stop_signal_handlers();

}  // namespace backfill
