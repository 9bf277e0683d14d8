// Routing between Actions and inline runs: the rules in order, their
// boundaries, and a rollout bucket that is uniform, case-insensitive and
// the same in every release.
#include <gtest/gtest.h>

#include <map>

#include "backfill/core/errors.hpp"
#include "backfill/fleet/router.hpp"

namespace backfill::fleet {
namespace {

RepoName repo(const std::string& owner, const std::string& name) { return RepoName{owner, name}; }

TEST(Fnv1a64, MatchesThePublishedTestVectors) {
  // From the FNV reference test suite (Fowler/Noll/Vo, fnv-1a 64-bit).
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ULL);
}

// Pinned: changing the hash, the lower-casing or the modulus would move
// repositories between Actions and inline from one release to the next.
TEST(RolloutBucket, IsPinnedForKnownNames) {
  EXPECT_EQ(rollout_bucket(repo("octocat", "hello-world")), 84);
  EXPECT_EQ(rollout_bucket(repo("torvalds", "linux")), 29);
  EXPECT_EQ(rollout_bucket(repo("pytorch", "pytorch")), 88);
  EXPECT_EQ(rollout_bucket(repo("rust-lang", "rust")), 65);
  EXPECT_EQ(rollout_bucket(repo("microsoft", "vscode")), 10);
  EXPECT_EQ(rollout_bucket(repo("kubernetes", "kubernetes")), 86);
}

TEST(RolloutBucket, IsTheUnsignedHashModuloOneHundredEvenWhenTheTopBitIsSet) {
  // Both hashes are >= 2^63: as signed 64-bit values they are negative, and
  // a signed remainder would be a negative bucket.
  EXPECT_EQ(fnv1a_64("rust-lang/rust"), 0xe78624c81657a749ULL);
  EXPECT_EQ(fnv1a_64("microsoft/vscode"), 0xbff009c6cd0f97e2ULL);
  EXPECT_EQ(rollout_bucket(repo("rust-lang", "rust")), 0xe78624c81657a749ULL % 100);
  EXPECT_EQ(rollout_bucket(repo("microsoft", "vscode")), 0xbff009c6cd0f97e2ULL % 100);
}

TEST(RolloutBucket, IgnoresCase) {
  EXPECT_EQ(rollout_bucket(repo("OctoCat", "Hello-World")), 84);
  EXPECT_EQ(rollout_bucket(repo("TORVALDS", "LINUX")), 29);
  EXPECT_EQ(rollout_bucket(repo("PyTorch", "PyTorch")), rollout_bucket(repo("pytorch", "pytorch")));
}

// 10,000 generated names: every bucket is in range, and a 25% rollout takes
// 25% +- 3 of them (the binomial standard deviation is 0.43%).
TEST(RolloutBucket, SpreadsNamesEvenly) {
  int below_25 = 0;
  std::map<int, int> per_bucket;
  for (int i = 0; i < 10'000; ++i) {
    const int bucket =
        rollout_bucket(repo("owner-" + std::to_string(i % 137), "repo-" + std::to_string(i)));
    ASSERT_GE(bucket, 0);
    ASSERT_LT(bucket, 100);
    ++per_bucket[bucket];
    if (bucket < 25) ++below_25;
  }
  EXPECT_GE(below_25, 2'200);
  EXPECT_LE(below_25, 2'800);
  EXPECT_EQ(per_bucket.size(), 100u);  // no bucket is unreachable
  for (const auto& [bucket, count] : per_bucket) {
    EXPECT_GT(count, 50) << "bucket " << bucket;  // 100 expected per bucket
    EXPECT_LT(count, 150) << "bucket " << bucket;
  }
}

TEST(Route, MorePullsThanTheThresholdGoToActionsFirst) {
  const RouteSettings settings{1000, 25};
  // octocat/hello-world is in bucket 84: only the count can send it to Actions.
  auto d = route(repo("octocat", "hello-world"), 4812, settings);
  EXPECT_EQ(d.target, RouteTarget::kActions);
  EXPECT_EQ(d.rule, RouteRule::kThreshold);
  EXPECT_EQ(d.reason, "4,812 PRs > threshold 1,000");
  EXPECT_EQ(describe(d), "actions (4,812 PRs > threshold 1,000)");
  EXPECT_EQ(d.bucket, 84);
  EXPECT_EQ(d.pull_count, 4812);

  // microsoft/vscode (bucket 10) qualifies under both rules; the count is first.
  EXPECT_EQ(route(repo("microsoft", "vscode"), 5000, settings).rule, RouteRule::kThreshold);
}

TEST(Route, TheThresholdIsExclusive) {
  const RouteSettings settings{1000, 0};
  EXPECT_EQ(route(repo("octocat", "hello-world"), 1000, settings).target, RouteTarget::kInline);
  EXPECT_EQ(route(repo("octocat", "hello-world"), 1001, settings).target, RouteTarget::kActions);
  EXPECT_EQ(route(repo("octocat", "hello-world"), 1001, settings).reason,
            "1,001 PRs > threshold 1,000");
  // Threshold 0: every repository with a PR goes to Actions, an empty one not.
  EXPECT_EQ(route(repo("octocat", "hello-world"), 1, {0, 0}).target, RouteTarget::kActions);
  EXPECT_EQ(route(repo("octocat", "hello-world"), 0, {0, 0}).target, RouteTarget::kInline);
}

TEST(Route, BucketsBelowThePercentageGoToActions) {
  // torvalds/linux is in bucket 29.
  const auto linux_repo = repo("torvalds", "linux");
  auto at = [&](int percentage) { return route(linux_repo, 312, {1000, percentage}); };
  EXPECT_EQ(at(30).target, RouteTarget::kActions);
  EXPECT_EQ(at(30).rule, RouteRule::kRollout);
  EXPECT_EQ(describe(at(30)), "actions (rollout bucket 29 < 30%)");
  // bucket == percentage is not below it.
  EXPECT_EQ(at(29).target, RouteTarget::kInline);
  EXPECT_EQ(at(29).rule, RouteRule::kDefault);
  EXPECT_EQ(describe(at(29)), "inline (312 PRs, bucket 29 \u2265 29%)");
  EXPECT_EQ(at(0).target, RouteTarget::kInline);
  EXPECT_EQ(at(100).target, RouteTarget::kActions);
}

TEST(Route, ZeroAndHundredPercentRouteNoneAndAllByBucket) {
  int actions_at_0 = 0, actions_at_100 = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto name = repo("o" + std::to_string(i), "r");
    if (route(name, 10, {1000, 0}).target == RouteTarget::kActions) ++actions_at_0;
    if (route(name, 10, {1000, 100}).target == RouteTarget::kActions) ++actions_at_100;
  }
  EXPECT_EQ(actions_at_0, 0);
  EXPECT_EQ(actions_at_100, 1000);
}

TEST(Route, DefaultsAreAThousandPullsAndTwentyFivePercent) {
  const RouteSettings defaults;
  EXPECT_EQ(defaults.actions_threshold, 1000);
  EXPECT_EQ(defaults.actions_percentage, 25);
  EXPECT_EQ(describe(route(repo("octocat", "hello-world"), 312, defaults)),
            "inline (312 PRs, bucket 84 \u2265 25%)");
  EXPECT_EQ(describe(route(repo("microsoft", "vscode"), 312, defaults)),
            "actions (rollout bucket 10 < 25%)");
}

EnvLookup environment(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(RouteSettingsResolution, FlagThenWorkflowInputThenEnvironmentThenDefault) {
  const auto env =
      environment({{"BACKFILL_ACTIONS_THRESHOLD", "500"}, {"BACKFILL_ACTIONS_PERCENTAGE", "10"}});
  auto none = resolve_route_settings({}, environment({}));
  EXPECT_EQ(none.actions_threshold, 1000);
  EXPECT_EQ(none.actions_percentage, 25);

  auto from_env = resolve_route_settings({}, env);
  EXPECT_EQ(from_env.actions_threshold, 500);
  EXPECT_EQ(from_env.actions_percentage, 10);

  RouteSettingSources inputs;
  inputs.threshold_input = 200;
  inputs.percentage_input = 50.0;
  auto from_inputs = resolve_route_settings(inputs, env);
  EXPECT_EQ(from_inputs.actions_threshold, 200);
  EXPECT_EQ(from_inputs.actions_percentage, 50);

  inputs.threshold_flag = 7;
  inputs.percentage_flag = 0.0;
  auto from_flags = resolve_route_settings(inputs, env);
  EXPECT_EQ(from_flags.actions_threshold, 7);
  EXPECT_EQ(from_flags.actions_percentage, 0);
}

TEST(RouteSettingsResolution, EmptyVariablesAreUnsetAndWholeDecimalsAreAccepted) {
  auto s = resolve_route_settings({}, environment({{"BACKFILL_ACTIONS_THRESHOLD", ""},
                                                   {"BACKFILL_ACTIONS_PERCENTAGE", "25.0"}}));
  EXPECT_EQ(s.actions_threshold, 1000);
  EXPECT_EQ(s.actions_percentage, 25);
}

void expect_usage_error(const RouteSettingSources& sources, const EnvLookup& env,
                        const std::string& naming) {
  try {
    resolve_route_settings(sources, env);
    ADD_FAILURE() << "no UsageError; expected one naming " << naming;
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(naming), std::string::npos) << e.what();
  }
}

TEST(RouteSettingsResolution, RejectsValuesOutOfRangeNamingTheirSource) {
  const auto no_env = environment({});
  RouteSettingSources s;
  s.percentage_flag = 101;
  expect_usage_error(s, no_env, "--actions-percentage");
  s.percentage_flag = 2.5;  // 100 buckets: a fraction cannot be honoured
  expect_usage_error(s, no_env, "--actions-percentage");
  s = {};
  s.threshold_flag = -1;
  expect_usage_error(s, no_env, "--actions-threshold");
  s = {};
  s.percentage_input = -5;
  expect_usage_error(s, no_env, "workflow input actions_percentage");
  s = {};
  s.threshold_input = -2;
  expect_usage_error(s, no_env, "workflow input actions_threshold");
  for (const char* bad : {"many", "25%", "1e3", "0x10", "nan", "-1", "12.5"}) {
    expect_usage_error({}, environment({{"BACKFILL_ACTIONS_PERCENTAGE", bad}}),
                       "BACKFILL_ACTIONS_PERCENTAGE");
    expect_usage_error({}, environment({{"BACKFILL_ACTIONS_THRESHOLD", bad}}),
                       "BACKFILL_ACTIONS_THRESHOLD");
  }
}

}  // namespace
}  // namespace backfill::fleet
