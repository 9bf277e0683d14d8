// The workers' pooled budget is REST's: GraphQL's points (another budget,
// x-ratelimit-resource: graphql) never enter it.
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

}  // namespace
}  // namespace backfill::engine
