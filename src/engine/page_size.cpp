#include "engine/page_size.hpp"

#include <algorithm>

namespace backfill::engine {

int PageSize::current(int ceiling) {
  ceiling_ = std::max(1, ceiling);
  return std::min(size_, ceiling_);
}

void PageSize::too_heavy() {
  size_ = std::max(std::min(kMinPageSize, ceiling_), std::min(size_, ceiling_) / 2);
  successes_ = 0;
}

void PageSize::succeeded() {
  if (size_ >= ceiling_) return;
  if (++successes_ < kGrowAfter) return;
  size_ = std::min(ceiling_, size_ * 2);
  successes_ = 0;
}

}  // namespace backfill::engine
