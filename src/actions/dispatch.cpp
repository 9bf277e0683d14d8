#include "backfill/actions/dispatch.hpp"

#include <nlohmann/json.hpp>

#include "backfill/actions/event.hpp"

namespace backfill::actions {

nlohmann::json dispatch_payload(const RepoName& repo, const RunSettings& settings) {
  nlohmann::json client_payload = {{"repository", repo.full()}};
  if (settings.chunk_size) client_payload["chunk_size"] = *settings.chunk_size;
  if (settings.max_chunks) client_payload["max_chunks"] = *settings.max_chunks;
  if (settings.time_budget) client_payload["time_budget"] = *settings.time_budget;
  if (settings.with) client_payload["with"] = *settings.with;
  return {{"event_type", kDispatchEventType}, {"client_payload", std::move(client_payload)}};
}

}  // namespace backfill::actions
