#include "support/request_hold.hpp"

namespace backfill::testing {

std::future<void> RequestHold::hold(fake_github::FakeGitHub& github, std::size_t index) {
  arrived_ = {};
  released_ = {};
  released_once_ = false;
  github.clear_requests();
  auto released = released_.get_future().share();
  github.on_request([this, index, released](std::size_t i, const fake_github::RecordedRequest&) {
    if (i != index) return;
    arrived_.set_value();
    released.wait();
  });
  return arrived_.get_future();
}

void RequestHold::release() {
  if (!released_once_.exchange(true)) released_.set_value();
}

}  // namespace backfill::testing
