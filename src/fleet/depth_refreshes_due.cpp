#include "fleet/depth_refreshes_due.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "backfill/core/redact.hpp"

namespace backfill::fleet {

std::vector<DepthRefreshTarget> depth_refreshes_due(store::Store& store,
                                                    const std::string& cutoff) {
  std::vector<DepthRefreshTarget> out;
  for (auto& due : store.depth_refreshes_due(cutoff)) {
    const auto with = store.backfill_with(due.repository.id);
    if (!with) continue;
    DepthScope depth;
    try {
      depth = parse_depth_scope(*with, "repositories.backfill_with");
    } catch (const std::exception& e) {
      spdlog::warn("{}: {}; its depth is not refreshed", due.repository.name.full(),
                   redact(e.what()));
      continue;
    }
    if (!depth.any() || depth.key() != due.scope) continue;
    out.push_back({std::move(due), depth});
  }
  return out;
}

}  // namespace backfill::fleet
