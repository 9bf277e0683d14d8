#include "fake_github/request_log.hpp"

namespace fake_github {

RequestLog::Ticket RequestLog::record(const RecordedRequest& request) {
  std::lock_guard lock(mutex_);
  requests_.push_back(request);
  ++received_;
  return Ticket{requests_.size(), generation_, requests_.size() - 1};
}

void RequestLog::set_status(const Ticket& ticket, int status) {
  std::lock_guard lock(mutex_);
  if (ticket.generation == generation_ && ticket.position < requests_.size()) {
    requests_[ticket.position].status = status;
  }
}

void RequestLog::set_fault(const Ticket& ticket, const std::string& fault) {
  std::lock_guard lock(mutex_);
  if (ticket.generation == generation_ && ticket.position < requests_.size()) {
    requests_[ticket.position].fault = fault;
  }
}

std::vector<RecordedRequest> RequestLog::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  requests_.clear();
  ++generation_;
}

void RequestLog::set_hook(Hook hook) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

void RequestLog::run_hook(const Ticket& ticket, const RecordedRequest& request) const {
  Hook hook;
  {
    std::lock_guard lock(mutex_);
    hook = hook_;
  }
  if (hook) hook(ticket.index, request);
}

}  // namespace fake_github
