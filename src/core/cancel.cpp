#include "backfill/core/cancel.hpp"

#include <csignal>

namespace backfill {

CancelToken& process_cancel_token() {
  static CancelToken token;
  return token;
}

namespace {
extern "C" void on_stop_signal(int) {
  // Only an atomic store: async-signal-safe. The loop notices it at the next
  // chunk boundary, wait slice or curl progress callback.
  process_cancel_token().request_stop();
}
}  // namespace

void install_stop_signal_handlers() {
  process_cancel_token();  // construct before any signal can arrive
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace backfill
