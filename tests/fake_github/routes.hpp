#pragma once
// The HTTP side of the fake: one entry point that records the request, runs
// the test's hook and the fault policy, checks credentials and the rate
// limit, then dispatches to the endpoint.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <httplib.h>

#include "fake_github/fault_policy.hpp"
#include "fake_github/rate_limit.hpp"
#include "fake_github/repository_model.hpp"
#include "fake_github/request_log.hpp"

namespace fake_github {

class ApiRouter {
 public:
  ApiRouter(RepositoryStore& store, RateLimiter& limiter, RequestLog& log);

  void set_base_url(const std::string& base_url);
  void set_valid_token(const std::string& token);
  void set_fault_policy(std::shared_ptr<FaultPolicy> policy);

  void handle(const httplib::Request& request, httplib::Response& response);

 private:
  struct Caller {
    std::string key;  // the token, "" when unauthenticated
    bool authenticated = false;
    bool rejected = false;
  };
  struct Answer {
    int status = 200;
    std::string body;
    std::string link;
    std::string location;
  };

  Caller identify(const std::string& authorization) const;
  Answer route(const httplib::Request& request, const std::string& raw_query);
  Answer repository_endpoint(std::int64_t id, const std::string& rest,
                             const httplib::Request& request, const std::string& raw_query);
  Answer list_pulls(std::int64_t id, const httplib::Request& request, const std::string& raw_query);
  std::string rate_limit_body(const Budget& core) const;
  std::string next_request_id();

  RepositoryStore& store_;
  RateLimiter& limiter_;
  RequestLog& log_;
  mutable std::mutex mutex_;  // guards the three settings below
  std::string base_url_;
  std::optional<std::string> valid_token_;
  std::shared_ptr<FaultPolicy> fault_policy_;
  std::atomic<std::uint64_t> request_counter_{0};
};

}  // namespace fake_github
