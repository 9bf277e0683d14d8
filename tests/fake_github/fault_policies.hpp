#pragma once
// Ready-made fault policies: a script (request number -> fault) for tests
// that need one fault at one moment, and a seeded random share of faults for
// soak runs and the benchmark. Plus the short names used on the command line.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fake_github/fault_policy.hpp"

namespace fake_github {

// "500", "502", "503", "reset", "truncated", "slow", "secondary",
// "secondary-no-retry-after", "429", "html" ("none" for kNone).
std::string fault_name(Fault fault);
std::optional<Fault> fault_from_name(std::string_view name);
// "500,502,reset" -> the faults; throws std::invalid_argument naming the
// first unknown entry, or for an empty list.
std::vector<Fault> parse_fault_list(std::string_view comma_separated);

// Request number `index` (1-based, as in on_request) gets the fault the
// script gives it; every other request is answered normally. Applies to
// every path, /rate_limit included: a script asks for exactly what it lists.
class ScriptedFaults : public FaultPolicy {
 public:
  ScriptedFaults(std::initializer_list<std::pair<const std::size_t, Fault>> script);
  explicit ScriptedFaults(std::map<std::size_t, Fault> script);
  Fault choose(std::size_t index, const RecordedRequest& request) override;

 private:
  const std::map<std::size_t, Fault> script_;
};

// A share of requests, drawn from a seeded hash of the request number rather
// than a shared generator: the same seed faults the same request numbers with
// the same faults however the server's threads interleave.
class RandomFaults : public FaultPolicy {
 public:
  struct Options {
    std::uint64_t seed = 1;
    double share = 0.1;            // in [0, 1]
    std::vector<Fault> faults;     // drawn uniformly; must not be empty
    std::size_t exempt_first = 0;  // requests 1..exempt_first are never faulted
    // Exact paths never faulted. /rate_limit by default: a client that checks
    // its budget should not be the one thing that keeps failing.
    std::vector<std::string> exempt_paths = {"/rate_limit"};
  };
  // Throws std::invalid_argument for a share outside [0, 1] or no faults.
  explicit RandomFaults(Options options);
  Fault choose(std::size_t index, const RecordedRequest& request) override;
  // The fault request `index` on `path` gets: choose() without the count.
  Fault fault_for(std::size_t index, const std::string& path) const;
  // How many faults choose() has handed out.
  std::size_t injected() const { return injected_.load(); }

 private:
  const Options options_;
  std::atomic<std::size_t> injected_{0};
};

}  // namespace fake_github
