#pragma once
// Fault injection for POST /graphql, in the style of fault_policy.hpp: a
// policy picks, per GraphQL request, how GitHub's GraphQL API misbehaves.
// Each answer is GitHub's own shape (graphql_endpoint.cpp):
//   rate-limited   200 {"data":null,"errors":[{"type":"RATE_LIMITED",...}]}, and the
//                  caller's GraphQL budget really is empty until its reset
//                  (x-ratelimit-remaining: 0)
//   not-found      200, the query's repository/node null and a NOT_FOUND error at its path
//   resource-limits  200 {"data":null,"errors":[{"type":"RESOURCE_LIMITS_EXCEEDED",...}]}
//   node-limit     200 {"errors":[{"type":"MAX_NODE_LIMIT_EXCEEDED",...}]}
//   partial        200 with data, the first pull request's reviews (else comments) null
//                  and an error whose path names them
//   502, 504       GitHub's "Something went wrong while executing your query" (502) and
//                  its timeout body (504)
//   secondary      403 secondary rate limit with retry-after
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fake_github {

enum class GraphqlFault {
  kNone,
  kRateLimited,
  kNotFound,
  kResourceLimitsExceeded,
  kMaxNodeLimitExceeded,
  kPartialData,
  kBadGateway502,
  kGatewayTimeout504,
  kSecondaryLimit403,
};

std::string graphql_fault_name(GraphqlFault fault);
std::optional<GraphqlFault> graphql_fault_from_name(std::string_view name);
// "rate-limited,partial" -> the faults; throws std::invalid_argument naming
// the first unknown entry.
std::vector<GraphqlFault> parse_graphql_fault_list(std::string_view comma_separated);

struct GraphqlRequestInfo {
  std::size_t index = 0;          // 1-based, counting POST /graphql requests only
  std::int64_t largest_page = 0;  // the largest first/last in the query
  std::int64_t cost = 0;
};

class GraphqlFaultPolicy {
 public:
  virtual ~GraphqlFaultPolicy() = default;
  // Called on a server thread, possibly concurrently.
  virtual GraphqlFault choose(const GraphqlRequestInfo& request) = 0;
};

// GraphQL request number `index` gets the fault the script gives it.
class ScriptedGraphqlFaults : public GraphqlFaultPolicy {
 public:
  explicit ScriptedGraphqlFaults(std::map<std::size_t, GraphqlFault> script)
      : script_(std::move(script)) {}
  GraphqlFault choose(const GraphqlRequestInfo& request) override {
    const auto it = script_.find(request.index);
    return it == script_.end() ? GraphqlFault::kNone : it->second;
  }

 private:
  const std::map<std::size_t, GraphqlFault> script_;
};

// GitHub's GraphQL timing out on big pages: every query whose largest
// first/last exceeds `threshold` gets `fault` (502 or 504); others pass.
class HeavyQueryFaults : public GraphqlFaultPolicy {
 public:
  HeavyQueryFaults(std::int64_t threshold, GraphqlFault fault)
      : threshold_(threshold), fault_(fault) {}
  GraphqlFault choose(const GraphqlRequestInfo& request) override {
    return request.largest_page > threshold_ ? fault_ : GraphqlFault::kNone;
  }

 private:
  const std::int64_t threshold_;
  const GraphqlFault fault_;
};

// A seeded share of GraphQL requests, drawn from `faults` (as RandomFaults).
class RandomGraphqlFaults : public GraphqlFaultPolicy {
 public:
  RandomGraphqlFaults(std::uint64_t seed, double share, std::vector<GraphqlFault> faults);
  GraphqlFault choose(const GraphqlRequestInfo& request) override;

 private:
  const std::uint64_t seed_;
  const double share_;
  const std::vector<GraphqlFault> faults_;
};

}  // namespace fake_github
