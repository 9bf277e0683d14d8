#pragma once
// Every HTTP request the fake receives, for assertions, and the test's hook
// that runs as each one arrives.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "fake_github/fake_github.hpp"

namespace fake_github {

class RequestLog {
 public:
  using Hook = std::function<void(std::size_t index, const RecordedRequest&)>;

  struct Ticket {
    std::size_t index = 0;         // 1-based position in requests()
    std::uint64_t generation = 0;  // which clear_requests() era it belongs to
    std::size_t position = 0;      // where it sits in the current log
  };

  Ticket record(const RecordedRequest& request);
  // Fills in the status once the answer is decided.
  void set_status(const Ticket& ticket, int status);
  // Records the name of the fault injected into the request.
  void set_fault(const Ticket& ticket, const std::string& fault);
  std::vector<RecordedRequest> requests() const;
  void clear();

  void set_hook(Hook hook);
  // Runs the hook, if any, outside the log's lock so it may call requests().
  void run_hook(const Ticket& ticket, const RecordedRequest& request) const;

 private:
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::size_t received_ = 0;
  std::uint64_t generation_ = 0;
  Hook hook_;
};

}  // namespace fake_github
