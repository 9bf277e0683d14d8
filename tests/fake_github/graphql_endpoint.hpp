#pragma once
// POST /graphql, as api.github.com answers it: authentication (401 bodies
// of the GraphQL API), GitHub's own query checks and cost (computed by the
// sidecar with tests/fake_graphql/github-rules.mjs), a GraphQL budget of
// 5,000 points an hour per caller kept apart from REST's `core` (its
// x-ratelimit-* headers say resource "graphql"), the secondary limit of
// 2,000 points a minute (a query is 1 point, a mutation 5), injected
// faults (graphql_faults.hpp), then the query executed by the sidecar.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "fake_github/graphql_faults.hpp"
#include "fake_github/graphql_sidecar.hpp"
#include "fake_github/rate_limit.hpp"

namespace fake_github {

class GraphqlEndpoint {
 public:
  static constexpr std::int64_t kSecondaryPointsPerMinute = 2000;

  GraphqlEndpoint();
  ~GraphqlEndpoint();

  // Serve GraphQL from the next start() on (and now, when already started).
  void enable(std::string script, std::string modules);
  bool enabled() const;
  void start(const std::string& base_url);  // no-op unless enabled
  void stop();
  // The secret the sidecar's data requests carry (graphql_data.hpp).
  std::string secret() const { return secret_; }

  void set_fault_policy(std::shared_ptr<GraphqlFaultPolicy> policy);
  void set_secondary_points_per_minute(std::int64_t points);
  void set_secondary_retry_after(std::int64_t seconds);
  RateLimiter& limiter() { return limiter_; }

  struct Caller {
    std::string key;
    bool authenticated = false;
    bool rejected = false;
  };
  struct Reply {
    int status = 200;
    std::string body;
    Budget budget;
    std::int64_t retry_after = -1;
    std::string fault;  // graphql_fault_name of the injected fault, "" for none
  };
  Reply answer(const std::string& request_body, const Caller& caller, std::int64_t now,
               const std::string& request_id);

 private:
  // Points of the secondary limit spent in the caller's current minute;
  // false when this request would go over.
  bool secondary_allows(const std::string& caller, std::int64_t now, std::int64_t points,
                        std::int64_t& retry_after);
  std::size_t next_index();

  RateLimiter limiter_;
  std::string secret_;
  mutable std::mutex mutex_;  // guards what follows
  std::unique_ptr<GraphqlSidecar> sidecar_;
  std::shared_ptr<GraphqlFaultPolicy> policy_;
  std::int64_t secondary_points_per_minute_ = kSecondaryPointsPerMinute;
  std::int64_t secondary_retry_after_ = 60;
  struct Window {
    std::int64_t start = 0;
    std::int64_t points = 0;
  };
  std::map<std::string, Window> windows_;
  std::size_t requests_ = 0;
};

}  // namespace fake_github
