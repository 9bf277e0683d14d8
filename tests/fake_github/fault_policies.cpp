#include "fake_github/fault_policies.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

constexpr std::array<std::pair<Fault, std::string_view>, 11> kNames = {{
    {Fault::kNone, "none"},
    {Fault::kServerError500, "500"},
    {Fault::kBadGateway502, "502"},
    {Fault::kServiceUnavailable503, "503"},
    {Fault::kConnectionReset, "reset"},
    {Fault::kTruncatedBody, "truncated"},
    {Fault::kSlowReply, "slow"},
    {Fault::kSecondaryLimit403, "secondary"},
    {Fault::kSecondaryLimit403NoRetryAfter, "secondary-no-retry-after"},
    {Fault::kSecondaryLimit429, "429"},
    {Fault::kHtmlErrorPage, "html"},
}};

// A uniform double in [0, 1) from the top 53 bits of a hash.
double unit_interval(std::uint64_t hash) { return static_cast<double>(hash >> 11) * 0x1.0p-53; }

}  // namespace

std::string fault_name(Fault fault) {
  for (const auto& [known, name] : kNames) {
    if (known == fault) return std::string(name);
  }
  return "unknown";
}

std::optional<Fault> fault_from_name(std::string_view name) {
  for (const auto& [fault, known] : kNames) {
    if (known == name) return fault;
  }
  return std::nullopt;
}

std::vector<Fault> parse_fault_list(std::string_view comma_separated) {
  std::vector<Fault> faults;
  std::size_t start = 0;
  while (start <= comma_separated.size()) {
    std::size_t end = comma_separated.find(',', start);
    if (end == std::string_view::npos) end = comma_separated.size();
    const std::string_view name = comma_separated.substr(start, end - start);
    const std::optional<Fault> fault = fault_from_name(name);
    if (!fault || *fault == Fault::kNone) {
      throw std::invalid_argument("unknown fault '" + std::string(name) + "'");
    }
    faults.push_back(*fault);
    start = end + 1;
  }
  return faults;
}

ScriptedFaults::ScriptedFaults(std::initializer_list<std::pair<const std::size_t, Fault>> script)
    : script_(script) {}

ScriptedFaults::ScriptedFaults(std::map<std::size_t, Fault> script) : script_(std::move(script)) {}

Fault ScriptedFaults::choose(std::size_t index, const RecordedRequest&) {
  const auto it = script_.find(index);
  return it == script_.end() ? Fault::kNone : it->second;
}

RandomFaults::RandomFaults(Options options) : options_(std::move(options)) {
  if (!(options_.share >= 0.0 && options_.share <= 1.0)) {
    throw std::invalid_argument("RandomFaults: share must be in [0, 1]");
  }
  if (options_.faults.empty()) throw std::invalid_argument("RandomFaults: no faults to draw from");
}

Fault RandomFaults::choose(std::size_t index, const RecordedRequest& request) {
  const Fault fault = fault_for(index, request.path);
  if (fault != Fault::kNone) ++injected_;
  return fault;
}

Fault RandomFaults::fault_for(std::size_t index, const std::string& path) const {
  if (index <= options_.exempt_first) return Fault::kNone;
  const auto& exempt = options_.exempt_paths;
  if (std::find(exempt.begin(), exempt.end(), path) != exempt.end()) return Fault::kNone;
  const std::uint64_t hash = mix64(options_.seed ^ mix64(index));
  // share 1.0 must fault every request: unit_interval is always < 1.
  if (unit_interval(hash) >= options_.share) return Fault::kNone;
  const std::uint64_t pick = mix64(hash) % options_.faults.size();
  return options_.faults[pick];
}

}  // namespace fake_github
