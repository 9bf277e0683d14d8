#pragma once
// The depth scopes the scheduler and the workers refresh, after the list
// scopes: of each tracked repository, the completed scope its
// repositories.backfill_with names (`track --with`), when not refreshed
// (or, never refreshed, completed) since `cutoff`. A scope left from a
// one-off `--with` the repository is not tracked with is not kept fresh.
#include <string>
#include <vector>

#include "backfill/core/depth_scope.hpp"
#include "backfill/store/store.hpp"

namespace backfill::fleet {

struct DepthRefreshTarget {
  store::DepthRefreshDue due;
  DepthScope depth;  // parsed from backfill_with; its key() is due.scope
};

std::vector<DepthRefreshTarget> depth_refreshes_due(store::Store& store, const std::string& cutoff);

}  // namespace backfill::fleet
