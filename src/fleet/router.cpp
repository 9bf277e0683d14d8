#include "backfill/fleet/router.hpp"

#include <cmath>

#include "backfill/core/errors.hpp"
#include "backfill/core/text.hpp"
#include "fleet/text_format.hpp"

namespace backfill::fleet {

namespace {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr int kBuckets = 100;

// ASCII only, on purpose: std::tolower follows the C locale of the process,
// and the bucket must not depend on how a machine is configured.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string to_string(RouteTarget target) {
  return target == RouteTarget::kActions ? "actions" : "inline";
}

std::string to_string(RouteRule rule) {
  switch (rule) {
    case RouteRule::kThreshold: return "threshold";
    case RouteRule::kRollout: return "rollout";
    case RouteRule::kDefault: return "default";
  }
  return "default";
}

std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = kFnvOffsetBasis;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;  // unsigned: wraps modulo 2^64 as FNV intends
  }
  return hash;
}

int rollout_bucket(const RepoName& repo) {
  std::string key = repo.owner + "/" + repo.name;
  for (char& c : key) c = ascii_lower(c);
  return static_cast<int>(fnv1a_64(key) % kBuckets);
}

RouteDecision route(const RepoName& repo, std::int64_t pull_count, const RouteSettings& settings) {
  RouteDecision d;
  d.bucket = rollout_bucket(repo);
  d.pull_count = pull_count;
  const std::string percentage = std::to_string(settings.actions_percentage) + "%";
  if (pull_count > settings.actions_threshold) {
    d.target = RouteTarget::kActions;
    d.rule = RouteRule::kThreshold;
    d.reason = group_thousands(pull_count) + " PRs > threshold " +
               group_thousands(settings.actions_threshold);
  } else if (d.bucket < settings.actions_percentage) {
    d.target = RouteTarget::kActions;
    d.rule = RouteRule::kRollout;
    d.reason = "rollout bucket " + std::to_string(d.bucket) + " < " + percentage;
  } else {
    d.target = RouteTarget::kInline;
    d.rule = RouteRule::kDefault;
    d.reason = group_thousands(pull_count) + " PRs, bucket " + std::to_string(d.bucket) +
               " \u2265 " + percentage;
  }
  return d;
}

std::string describe(const RouteDecision& decision) {
  return to_string(decision.target) + " (" + decision.reason + ")";
}

namespace {

std::int64_t checked_threshold(double value, const std::string& source) {
  if (!std::isfinite(value) || value < 0 || value != std::floor(value) || value > 1e15) {
    throw UsageError(source + ": expected a whole number of pull requests, 0 or more");
  }
  return static_cast<std::int64_t>(value);
}

int checked_percentage(double value, const std::string& source) {
  if (!std::isfinite(value) || value < 0 || value > 100 || value != std::floor(value)) {
    throw UsageError(source +
                     ": expected a whole number 0-100 (repositories fall in 100 rollout buckets)");
  }
  return static_cast<int>(value);
}

// Environment text: digits, optionally "25.0"-style whole decimals as
// workflow number inputs may arrive; anything else is an error.
double number_from_text(const std::string& text, const std::string& source) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || text.find_first_of("xXpPeE") != std::string::npos) {
    throw UsageError(source + ": expected a number, got \"" + text + "\"");
  }
  return value;
}

std::optional<std::string> non_empty(const EnvLookup& env, const char* name) {
  auto value = env(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

}  // namespace

RouteSettings resolve_route_settings(const RouteSettingSources& sources, const EnvLookup& env) {
  RouteSettings s;
  if (sources.threshold_flag) {
    s.actions_threshold =
        checked_threshold(static_cast<double>(*sources.threshold_flag), "--actions-threshold");
  } else if (sources.threshold_input) {
    s.actions_threshold = checked_threshold(static_cast<double>(*sources.threshold_input),
                                            "workflow input actions_threshold");
  } else if (auto text = non_empty(env, kActionsThresholdEnv)) {
    s.actions_threshold =
        checked_threshold(number_from_text(*text, kActionsThresholdEnv), kActionsThresholdEnv);
  }
  if (sources.percentage_flag) {
    s.actions_percentage = checked_percentage(*sources.percentage_flag, "--actions-percentage");
  } else if (sources.percentage_input) {
    s.actions_percentage =
        checked_percentage(*sources.percentage_input, "workflow input actions_percentage");
  } else if (auto text = non_empty(env, kActionsPercentageEnv)) {
    s.actions_percentage =
        checked_percentage(number_from_text(*text, kActionsPercentageEnv), kActionsPercentageEnv);
  }
  return s;
}

}  // namespace backfill::fleet
