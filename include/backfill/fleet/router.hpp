#pragma once
// Where a repository's backfill runs: in its own GitHub Actions workflow
// ("actions") or inline, in the process that schedules it. A pure function
// of the repository's name, its pull request count and two settings, so
// every machine, every run and every release decides the same way.
//
// Rules, in order:
//   1. more PRs than actions_threshold                     -> actions
//   2. rollout bucket of the name below actions_percentage -> actions
//   3. otherwise                                           -> inline
//
// The rollout bucket is FNV-1a 64 (offset basis 0xcbf29ce484222325, prime
// 0x100000001b3) over the bytes of "owner/name" lower-cased in ASCII (GitHub
// names are ASCII; no locale is consulted), then % 100 on the unsigned
// 64-bit value: always 0-99. (A signed hash taken % 100 goes negative for
// half of all names, and a negative bucket is "below" 0%.)
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "backfill/core/repo_name.hpp"

namespace backfill::fleet {

inline constexpr std::int64_t kDefaultActionsThreshold = 1000;
inline constexpr int kDefaultActionsPercentage = 25;
inline constexpr const char* kActionsThresholdEnv = "BACKFILL_ACTIONS_THRESHOLD";
inline constexpr const char* kActionsPercentageEnv = "BACKFILL_ACTIONS_PERCENTAGE";

struct RouteSettings {
  std::int64_t actions_threshold = kDefaultActionsThreshold;  // >= 0
  int actions_percentage = kDefaultActionsPercentage;         // 0-100
};

enum class RouteTarget { kActions, kInline };
enum class RouteRule { kThreshold, kRollout, kDefault };  // the rule that decided

std::string to_string(RouteTarget target);  // "actions", "inline"
std::string to_string(RouteRule rule);      // "threshold", "rollout", "default"

struct RouteDecision {
  RouteTarget target = RouteTarget::kInline;
  RouteRule rule = RouteRule::kDefault;
  // "4,812 PRs > threshold 1,000", "rollout bucket 17 < 25%",
  // "312 PRs, bucket 64 ≥ 25%"
  std::string reason;
  int bucket = 0;
  std::int64_t pull_count = 0;
};

std::uint64_t fnv1a_64(std::string_view bytes);
// 0-99, stable across machines, runs and releases (pinned in the tests).
int rollout_bucket(const RepoName& repo);
RouteDecision route(const RepoName& repo, std::int64_t pull_count, const RouteSettings& settings);

// "actions (4,812 PRs > threshold 1,000)"
std::string describe(const RouteDecision& decision);

// Where the settings come from, highest precedence first: the command line,
// a workflow input (actions::EventInputs), the environment
// (BACKFILL_ACTIONS_THRESHOLD, BACKFILL_ACTIONS_PERCENTAGE), the default.
struct RouteSettingSources {
  std::optional<long> threshold_flag;
  std::optional<double> percentage_flag;
  std::optional<long> threshold_input;
  std::optional<double> percentage_input;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Throws UsageError naming the source ("--actions-percentage",
// "workflow input actions_percentage", "BACKFILL_ACTIONS_PERCENTAGE") when a
// value is out of range or, for the percentage, not a whole number (there
// are 100 buckets: 2.5% cannot be honoured). An empty variable is unset.
RouteSettings resolve_route_settings(const RouteSettingSources& sources, const EnvLookup& env);

}  // namespace backfill::fleet
