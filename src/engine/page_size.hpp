#pragma once
// The GraphQL page size of a depth pass (one page is one chunk): halved on
// a query too heavy for GitHub (RESOURCE_LIMITS_EXCEEDED, a timeout, 502),
// down to kMinPageSize, and doubled back toward the ceiling after
// kGrowAfter successes in a row. Pure logic.
namespace backfill::engine {

class PageSize {
 public:
  static constexpr int kMinPageSize = 5;
  static constexpr int kGrowAfter = 3;

  explicit PageSize(int ceiling) : ceiling_(ceiling), size_(ceiling) {}

  // The size to ask for now, never above `ceiling` (which may move with the
  // budget, engine/budget.hpp).
  int current(int ceiling);
  void too_heavy();
  void succeeded();

 private:
  int ceiling_;
  int size_;
  int successes_ = 0;
};

}  // namespace backfill::engine
