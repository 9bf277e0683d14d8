#include "support/scripted_transport.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace backfill::testing {

void ScriptedTransport::enqueue(github::HttpResponse response) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(response));
}

github::HttpResponse ScriptedTransport::perform(const github::HttpRequest& request) {
  std::size_t index = 0;
  {
    std::lock_guard lock(mutex_);
    index = requests_.size();
    requests_.push_back(request);
    if (!queue_.empty()) {
      github::HttpResponse response = std::move(queue_.front());
      queue_.pop_front();
      return response;
    }
  }
  if (!responder_) {
    throw std::logic_error("scripted transport: no reply scripted for request " +
                           std::to_string(index) + " (" + request.method + " " + request.url + ")");
  }
  return responder_(request, index);
}

std::vector<github::HttpRequest> ScriptedTransport::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t ScriptedTransport::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

std::optional<std::string> request_header(const github::HttpRequest& request,
                                          std::string_view name) {
  auto same = [](unsigned char a, unsigned char b) { return std::tolower(a) == std::tolower(b); };
  for (const auto& line : request.headers) {
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon != name.size()) continue;
    if (!std::equal(name.begin(), name.end(), line.begin(), same)) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    return value;
  }
  return std::nullopt;
}

github::HttpResponse json_reply(long status, std::string body,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  github::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers.add("content-type", "application/json; charset=utf-8");
  for (const auto& [name, value] : headers) response.headers.add(name, value);
  return response;
}

}  // namespace backfill::testing
