#include "backfill/engine/backfill_settings.hpp"

namespace backfill::engine {

RunParams run_params_for(const BackfillSettings& settings, const RepoName& repo) {
  RunParams p;
  p.repo = repo;
  p.chunk_size = settings.chunk_size;
  p.runner = settings.runner;
  p.trigger = settings.trigger;
  p.run_url = settings.run_url;
  p.depth = settings.depth;
  p.graphql_url = settings.graphql_url;
  return p;
}

void with_tracked_depth(RunParams& params, store::DepthStore& store,
                        const std::string& repository_id) {
  if (params.depth.any()) return;
  if (auto with = store.backfill_with(repository_id)) {
    params.depth = parse_depth_scope(*with, "repositories.backfill_with");
  }
}

}  // namespace backfill::engine
