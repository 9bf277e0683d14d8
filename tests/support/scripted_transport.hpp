#pragma once
// An HttpTransport without sockets: every request is answered by a function
// of the request (or from a queue), and recorded with its headers, so unit
// tests see exactly what the client sent and can script any reply,
// including ones no real server would give.
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/github/http.hpp"

namespace backfill::testing {

class ScriptedTransport final : public github::HttpTransport {
 public:
  // `index` counts requests from 0.
  using Responder =
      std::function<github::HttpResponse(const github::HttpRequest& request, std::size_t index)>;

  ScriptedTransport() = default;  // answers from the queue (enqueue)
  explicit ScriptedTransport(Responder responder) : responder_(std::move(responder)) {}

  void enqueue(github::HttpResponse response);
  // Throws std::logic_error when neither the queue nor a responder has an
  // answer: a test that sends more than it scripted fails loudly.
  github::HttpResponse perform(const github::HttpRequest& request) override;

  std::vector<github::HttpRequest> requests() const;
  std::size_t request_count() const;

 private:
  mutable std::mutex mutex_;
  Responder responder_;
  std::deque<github::HttpResponse> queue_;
  std::vector<github::HttpRequest> requests_;
};

// The value of header `name` (case-insensitive) as the request carries it.
std::optional<std::string> request_header(const github::HttpRequest& request,
                                          std::string_view name);

// A reply with `status`, a JSON body and the given headers ("Name", "value").
github::HttpResponse json_reply(
    long status, std::string body,
    const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace backfill::testing
