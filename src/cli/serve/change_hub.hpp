#pragma once
// Live updates without touching the database per viewer: the poller
// publishes a new version when what it read changed, and every open
// event stream (SSE) waits here on one condition variable. A viewer costs a
// sleeping thread, never a query.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

namespace backfill::cli::serve {

class ChangeHub {
 public:
  explicit ChangeHub(int max_viewers) : max_viewers_(max_viewers) {}

  void publish(std::uint64_t version);
  std::uint64_t version() const;

  // Until the version differs from `seen`, `timeout` passes, or stop():
  // the current version, or nullopt once stopping.
  std::optional<std::uint64_t> wait(std::uint64_t seen, std::chrono::milliseconds timeout);

  // Wakes every waiter for good (shutdown).
  void stop();
  bool stopping() const;

  // A place for one more viewer, or false when max_viewers are connected.
  bool join();
  void leave();
  int viewers() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t version_ = 0;
  bool stopping_ = false;
  int viewers_ = 0;
  int max_viewers_;
};

}  // namespace backfill::cli::serve
