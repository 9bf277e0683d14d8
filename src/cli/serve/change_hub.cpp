#include "cli/serve/change_hub.hpp"

namespace backfill::cli::serve {

void ChangeHub::publish(std::uint64_t version) {
  {
    std::lock_guard lock(mutex_);
    version_ = version;
  }
  changed_.notify_all();
}

std::uint64_t ChangeHub::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

std::optional<std::uint64_t> ChangeHub::wait(std::uint64_t seen,
                                             std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return stopping_ || version_ != seen; });
  if (stopping_) return std::nullopt;
  return version_;
}

void ChangeHub::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

bool ChangeHub::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool ChangeHub::join() {
  std::lock_guard lock(mutex_);
  if (stopping_ || viewers_ >= max_viewers_) return false;
  ++viewers_;
  return true;
}

void ChangeHub::leave() {
  std::lock_guard lock(mutex_);
  --viewers_;
}

int ChangeHub::viewers() const {
  std::lock_guard lock(mutex_);
  return viewers_;
}

}  // namespace backfill::cli::serve
