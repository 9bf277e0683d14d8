#pragma once
// The HTTP side of the fake: one entry point that records the request, runs
// the test's hook and the fault policy, checks credentials and the rate
// limit, then dispatches to the endpoint. Faults take effect in
// fault_effects.cpp.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include <httplib.h>

#include "fake_github/app_authority.hpp"
#include "fake_github/fault_policy.hpp"
#include "fake_github/graphql_endpoint.hpp"
#include "fake_github/issue_endpoints.hpp"
#include "fake_github/issue_tracker.hpp"
#include "fake_github/rate_limit.hpp"
#include "fake_github/reply_hold.hpp"
#include "fake_github/repository_model.hpp"
#include "fake_github/request_log.hpp"

namespace fake_github {

class ApiRouter {
 public:
  using Clock = std::function<std::int64_t()>;

  ApiRouter(RepositoryStore& store, IssueTracker& tracker, RateLimiter& limiter, RequestLog& log);

  void set_base_url(const std::string& base_url);
  void set_valid_token(const std::string& token);
  void set_read_only_token(const std::string& token);
  void set_fault_policy(std::shared_ptr<FaultPolicy> policy);
  void set_clock(Clock clock);  // nullptr: real time
  void set_slow_reply_hold(std::chrono::milliseconds hold);
  void set_latency(std::chrono::milliseconds latency);
  void set_secondary_retry_after(std::int64_t seconds);
  // Cuts every held reply short, and every later hold, until rearm_holds().
  void release_held_replies() { hold_.interrupt(); }
  void rearm_holds() { hold_.rearm(); }

  void handle(const httplib::Request& request, httplib::Response& response);

  // The server's clock (set_clock), in epoch seconds.
  std::int64_t now_epoch() const;
  // The GitHub App whose JWTs and installation tokens the server honours.
  AppAuthority& app() { return app_; }
  // POST /graphql (served once enabled).
  GraphqlEndpoint& graphql() { return graphql_; }

 private:
  struct Caller {
    std::string key;  // the token, "" when unauthenticated
    bool authenticated = false;
    bool rejected = false;
    bool read_only = false;  // set_read_only_token's
  };
  struct Answer {
    int status = 200;
    std::string body;
    std::string link;
    std::string location;
    std::int64_t retry_after = -1;     // seconds; < 0: no retry-after header
    std::int64_t last_modified = 0;    // epoch seconds; 0: no Last-Modified header
    std::string etag = std::string();  // set for 200 and 304 replies to GET (conditional_get.hpp)
  };

  Caller identify(const std::string& authorization, std::int64_t now) const;
  // The App's own endpoints (JWT auth); nullopt for any other request.
  std::optional<Answer> app_endpoint(const httplib::Request& request, std::int64_t now);
  nlohmann::ordered_json installation_json(const std::string& account, std::int64_t installation,
                                           std::int64_t now);
  // The API's answer and the budget its x-ratelimit-* headers report.
  Answer answer_api(const httplib::Request& request, const std::string& raw_query, Fault fault,
                    const std::string& request_id, std::int64_t now, Budget& budget);
  Answer route(const httplib::Request& request, const std::string& raw_query, const Caller& caller,
               std::int64_t now);
  // An authorized GET with If-None-Match or If-Modified-Since: 304, free,
  // when the resource did not change; otherwise answered and counted as
  // usual. nullopt when the budget is spent (the usual 403 then follows).
  std::optional<Answer> answer_conditional(const httplib::Request& request,
                                           const std::string& raw_query, const Caller& caller,
                                           std::int64_t now, Budget& budget);
  Answer repository_endpoint(std::int64_t id, const std::string& rest,
                             const httplib::Request& request, const std::string& raw_query,
                             const Caller& caller, std::int64_t now);
  Answer list_pulls(std::int64_t id, const httplib::Request& request, const std::string& raw_query);
  std::string rate_limit_body(const Budget& core, const Budget& graphql) const;
  // POST /graphql: the GraphQL endpoint's answer, with its own budget's headers.
  void answer_graphql(const httplib::Request& request, const std::string& request_id,
                      std::int64_t now, const RequestLog::Ticket& ticket,
                      httplib::Response& response);
  std::string next_request_id();
  static void write_api_reply(Answer answer, const Budget& budget, const std::string& request_id,
                              httplib::Response& response, const char* resource = "core");

  // fault_effects.cpp
  static bool is_server_error(Fault fault);
  static bool is_secondary_limit(Fault fault);
  static bool answered_by_edge(Fault fault);  // before the API: no budget, no API headers
  Answer server_error(Fault fault) const;
  Answer secondary_limit(Fault fault, const std::string& request_id) const;
  static int answer_from_edge(Fault fault, const std::string& request_id,
                              httplib::Response& response);
  static void truncate_body(httplib::Response& response);
  // Resets the request's connection; the response is then never sent.
  static void drop_connection(const httplib::Request& request);
  // Holds the reply for the slow-reply time; false when stop() cut it short.
  bool hold_reply();

  RepositoryStore& store_;
  IssueTracker& tracker_;
  IssueEndpoints issue_endpoints_;
  RateLimiter& limiter_;
  RequestLog& log_;
  ReplyHold hold_;
  mutable std::mutex mutex_;  // guards the settings below
  std::string base_url_;
  std::optional<std::string> valid_token_;
  std::set<std::string> read_only_tokens_;
  std::shared_ptr<FaultPolicy> fault_policy_;
  std::shared_ptr<const Clock> clock_;
  std::chrono::milliseconds slow_reply_hold_{std::chrono::seconds(120)};
  std::chrono::milliseconds latency_{0};
  std::int64_t secondary_retry_after_ = 60;
  std::atomic<std::uint64_t> request_counter_{0};
  AppAuthority app_;
  GraphqlEndpoint graphql_;
};

}  // namespace fake_github
