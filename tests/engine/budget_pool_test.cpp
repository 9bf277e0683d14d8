// One governor per installation: what one installation spends or runs out
// of never holds back another's repositories.
#include "backfill/engine/budget_pool.hpp"

#include <gtest/gtest.h>

namespace backfill::engine {
namespace {

using std::chrono::seconds;
using Verdict = SharedBudget::Verdict;

const SystemTime kNow{seconds(1'700'000'000)};
constexpr std::int64_t kNowEpoch = 1'700'000'000;

github::RateLimitSnapshot budget(std::int64_t remaining) {
  github::RateLimitSnapshot r;
  r.limit = 5000;
  r.remaining = remaining;
  r.used = 5000 - remaining;
  r.reset_epoch = kNowEpoch + 1800;
  r.resource = "core";
  return r;
}

TEST(BudgetPool, AnExhaustedInstallationHoldsBackOnlyItself) {
  BudgetPool pool;
  pool.of(11).offer(budget(0));
  pool.of(12).offer(budget(4000));

  EXPECT_EQ(pool.of(11).admit(kNow, 0).verdict, Verdict::kWaitForReset);
  const auto other = pool.of(12).admit(kNow, 0);
  EXPECT_EQ(other.verdict, Verdict::kGo);
  EXPECT_EQ(other.remaining, 4000);
  pool.of(12).finished();
  // The token's governor is a third one, untouched by either.
  EXPECT_FALSE(pool.of(std::nullopt).snapshot().known());
}

TEST(BudgetPool, TheSameInstallationGetsTheSameGovernor) {
  BudgetPool pool;
  SharedBudget& first = pool.of(11);
  pool.of(12);
  pool.of(std::nullopt);
  EXPECT_EQ(&pool.of(11), &first);
  EXPECT_EQ(&pool.of(11, RateResource::kCore), &first);
  EXPECT_NE(&pool.of(12), &first);
  EXPECT_NE(&pool.of(std::nullopt), &first);
}

// GraphQL points and REST requests are separate budgets at GitHub: a depth
// run that spent its points must not stop REST work, nor the reverse.
TEST(BudgetPool, GraphqlPointsAndRestRequestsAreGovernedApart) {
  BudgetPool pool;
  auto points = budget(0);
  points.resource = "graphql";
  pool.of(11, RateResource::kGraphql).offer(points);
  pool.of(11).offer(budget(4000));

  EXPECT_EQ(pool.of(11, RateResource::kGraphql).admit(kNow, 0).verdict, Verdict::kWaitForReset);
  const auto rest = pool.of(11).admit(kNow, 0);
  EXPECT_EQ(rest.verdict, Verdict::kGo);
  EXPECT_EQ(rest.remaining, 4000);
  pool.of(11).finished();
  EXPECT_NE(&pool.of(std::nullopt, RateResource::kGraphql), &pool.of(std::nullopt));
}

}  // namespace
}  // namespace backfill::engine
