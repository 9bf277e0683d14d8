#pragma once
// Holds one request of the fake GitHub server until released, for tests
// that need a run caught mid-transfer (a stop signal, a second run, a
// database outage). Release it before the server stops (a fixture's
// TearDown), or the server waits for the held reply.
#include <atomic>
#include <cstddef>
#include <future>

#include "fake_github/fake_github.hpp"

namespace backfill::testing {

class RequestHold {
 public:
  // Holds `github`'s `index`-th request counted from now (its request log
  // is cleared); the future is ready once that request is held. Arming
  // again replaces an earlier hold, which must have been released.
  std::future<void> hold(fake_github::FakeGitHub& github, std::size_t index);
  // Lets the held request go on; harmless when nothing is held.
  void release();

 private:
  std::promise<void> arrived_;
  std::promise<void> released_;
  std::atomic<bool> released_once_{false};
};

}  // namespace backfill::testing
