#include "fake_github/graphql_faults.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

constexpr std::array<std::pair<GraphqlFault, std::string_view>, 9> kNames = {{
    {GraphqlFault::kNone, "none"},
    {GraphqlFault::kRateLimited, "rate-limited"},
    {GraphqlFault::kNotFound, "not-found"},
    {GraphqlFault::kResourceLimitsExceeded, "resource-limits"},
    {GraphqlFault::kMaxNodeLimitExceeded, "node-limit"},
    {GraphqlFault::kPartialData, "partial"},
    {GraphqlFault::kBadGateway502, "502"},
    {GraphqlFault::kGatewayTimeout504, "504"},
    {GraphqlFault::kSecondaryLimit403, "secondary"},
}};

}  // namespace

std::string graphql_fault_name(GraphqlFault fault) {
  for (const auto& [known, name] : kNames) {
    if (known == fault) return std::string(name);
  }
  return "unknown";
}

std::optional<GraphqlFault> graphql_fault_from_name(std::string_view name) {
  for (const auto& [fault, known] : kNames) {
    if (known == name) return fault;
  }
  return std::nullopt;
}

std::vector<GraphqlFault> parse_graphql_fault_list(std::string_view comma_separated) {
  std::vector<GraphqlFault> faults;
  std::size_t start = 0;
  while (start <= comma_separated.size()) {
    std::size_t end = comma_separated.find(',', start);
    if (end == std::string_view::npos) end = comma_separated.size();
    const std::string_view name = comma_separated.substr(start, end - start);
    const auto fault = graphql_fault_from_name(name);
    if (!fault || *fault == GraphqlFault::kNone) {
      throw std::invalid_argument("unknown GraphQL fault '" + std::string(name) + "'");
    }
    faults.push_back(*fault);
    start = end + 1;
  }
  return faults;
}

RandomGraphqlFaults::RandomGraphqlFaults(std::uint64_t seed, double share,
                                         std::vector<GraphqlFault> faults)
    : seed_(seed), share_(share), faults_(std::move(faults)) {
  if (!(share_ >= 0.0 && share_ <= 1.0)) throw std::invalid_argument("share must be in [0, 1]");
  if (faults_.empty()) throw std::invalid_argument("no GraphQL faults to draw from");
}

GraphqlFault RandomGraphqlFaults::choose(const GraphqlRequestInfo& request) {
  const std::uint64_t hash = mix64(seed_ ^ mix64(request.index + 0x51ed));
  if (static_cast<double>(hash >> 11) * 0x1.0p-53 >= share_) return GraphqlFault::kNone;
  return faults_[mix64(hash) % faults_.size()];
}

}  // namespace fake_github
