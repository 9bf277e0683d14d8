// A pooled budget is one API's: GraphQL's points (x-ratelimit-resource:
// graphql) never enter REST's pool, nor REST's requests GraphQL's.
#include <gtest/gtest.h>

#include "backfill/engine/shared_budget.hpp"

namespace backfill::engine {
namespace {

github::RateLimitSnapshot snapshot(const std::string& resource, std::int64_t remaining) {
  github::RateLimitSnapshot s;
  s.limit = 5000;
  s.remaining = remaining;
  s.reset_epoch = 1'700'003'600;
  s.resource = resource;
  return s;
}

TEST(SharedBudgetResources, GraphqlPointsDoNotEnterTheRestPool) {
  SharedBudget pool;
  pool.offer(snapshot("core", 4000));
  pool.offer(snapshot("graphql", 12));
  EXPECT_EQ(pool.snapshot().remaining, 4000);
  EXPECT_EQ(pool.snapshot().resource, "core");
}

TEST(SharedBudgetResources, AGraphqlPoolTakesOnlyGraphqlPoints) {
  SharedBudget pool("graphql");
  pool.offer(snapshot("graphql", 12));
  pool.offer(snapshot("core", 4000));
  pool.offer(snapshot("", 3000));  // a REST reply that names no resource
  EXPECT_EQ(pool.snapshot().remaining, 12);
  EXPECT_EQ(pool.snapshot().resource, "graphql");
}

TEST(SharedBudgetResources, ARestReplyThatNamesNoResourceCountsAsCore) {
  SharedBudget pool;
  pool.offer(snapshot("", 3000));
  EXPECT_EQ(pool.snapshot().remaining, 3000);
}

}  // namespace
}  // namespace backfill::engine
