#include "store/postgres/statement_interrupt.hpp"

#include <pthread.h>
#include <sys/socket.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "backfill/core/cancel.hpp"
#include "store/postgres/pg_connect.hpp"

namespace backfill::store::postgres {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kWatchSlice{50};

struct InFlight {
  int socket = -1;
  Clock::time_point since;
  bool interrupted = false;
};

// Never destroyed: the watcher thread may still be looking at it while the
// process exits.
struct Watch {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<unsigned long, InFlight> in_flight;  // guarded by mutex
  unsigned long next_id = 0;                    // guarded by mutex
  bool watcher_running = false;                 // guarded by mutex
};

Watch* instance = new Watch;  // replaced in a forked child only

Watch& watch() { return *instance; }

// A forked child has no watcher thread, and its copies of the mutex and the
// condition variable may be in the middle of the parent's watcher using
// them: the child leaves them as they are and starts with a new Watch (the
// mutex is held across fork() so that nothing else is half-changed).
void before_fork() { watch().mutex.lock(); }
void after_fork_in_parent() { watch().mutex.unlock(); }
void after_fork_in_child() { instance = new Watch; }

void watch_until_exit() {
  Watch& w = watch();
  const CancelToken& cancel = process_cancel_token();
  std::optional<Clock::time_point> stop_seen;
  std::unique_lock lock(w.mutex);
  while (true) {
    w.changed.wait(lock, [&] { return !w.in_flight.empty(); });
    w.changed.wait_for(lock, kWatchSlice);
    if (!cancel.stop_requested()) continue;
    const auto now = Clock::now();
    if (!stop_seen) stop_seen = now;
    for (auto& [id, statement] : w.in_flight) {
      const auto from = std::max(statement.since, *stop_seen);
      if (!statement.interrupted && now - from >= kStopGrace) {
        ::shutdown(statement.socket, SHUT_RDWR);
        statement.interrupted = true;
      }
    }
  }
}

}  // namespace

InterruptibleStatement::InterruptibleStatement(int socket) {
  if (socket < 0) return;
  Watch& w = watch();
  std::lock_guard lock(w.mutex);
  static const bool fork_handlers =
      ::pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child) == 0;
  (void)fork_handlers;
  if (!w.watcher_running) {
    std::thread(watch_until_exit).detach();
    w.watcher_running = true;
  }
  id_ = ++w.next_id;
  w.in_flight[id_] = InFlight{socket, Clock::now(), false};
  w.changed.notify_all();
}

InterruptibleStatement::~InterruptibleStatement() {
  if (id_ == 0) return;
  Watch& w = watch();
  std::lock_guard lock(w.mutex);
  w.in_flight.erase(id_);
}

}  // namespace backfill::store::postgres
