#pragma once
// A GitHub look-alike that misbehaves on purpose: next links to another
// host or in circles, redirects elsewhere or in a loop, bodies that never
// end, rate-limit headers that lie. GitHub never does any of this, so it
// lives here and not in the faithful fake (tests/fake_github). It listens on
// 127.0.0.1 at a random port and records every request, including whether
// it carried an Authorization header, so a second instance can stand for
// "another host" and tell whether the token reached it.
#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hostile {

enum class Mode {
  kFaithful,           // repository, count and pages as GitHub serves them
  kLinkElsewhere,      // page 1's next link points to `elsewhere` (same path)
  kLinkToItself,       // page 2's next link is page 2
  kLinkBackwards,      // page 3's next link is page 1
  kRedirectElsewhere,  // every request answers 302 to `elsewhere` + the same path
  kRedirectLoop,       // every request answers 301 to itself
  kEndlessBody,        // pulls pages send a chunked body that never ends
  kExhausted,          // pulls pages after the first: 403, remaining 0, reset `reset()`
  kSecondaryLimit,     // pulls pages after the first: 403 with retry-after `retry_after`
};

struct SeenRequest {
  std::string path;  // with the query
  bool authorization = false;
};

class HostileServer {
 public:
  explicit HostileServer(Mode mode = Mode::kFaithful) : mode_(mode) {}
  ~HostileServer() { stop(); }
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  // Settings, before start().
  std::string full_name = "octo/hostile";
  std::int64_t repository_id = 777;
  std::int64_t pulls = 250;
  std::string elsewhere;               // base URL of "the other host"
  std::function<std::string()> reset;  // x-ratelimit-reset value (kExhausted)
  std::string retry_after = "60";      // kSecondaryLimit
  // An "endless" body stops after this many bytes: a safety net so that a
  // client without a cap fails its test instead of exhausting the machine.
  std::size_t endless_limit = std::size_t{256} << 20;

  // Returns the base URL, http://127.0.0.1:PORT.
  std::string start();
  void stop();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<SeenRequest> requests() const;
  bool saw_authorization() const;
  std::size_t pulls_page_requests(long page) const;
  std::size_t endless_bytes_sent() const { return endless_sent_; }

 private:
  void answer(const httplib::Request& request, httplib::Response& response);
  void answer_pulls(const httplib::Request& request, httplib::Response& response);
  void send_endless(httplib::Response& response);
  std::string page_url(long page) const;

  Mode mode_;
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> listener_finished_{false};
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<SeenRequest> seen_;
  std::atomic<std::size_t> endless_sent_{0};
};

}  // namespace hostile
