#pragma once
// The body of POST /repos/{owner}/{repo}/dispatches that continues a paused
// backfill in a new workflow run (the job's time limit ends each one).
#include <nlohmann/json_fwd.hpp>

#include "backfill/actions/run_settings.hpp"
#include "backfill/core/repo_name.hpp"

namespace backfill::actions {

// GitHub accepts at most this many top-level client_payload properties.
inline constexpr std::size_t kMaxClientPayloadProperties = 10;

// {"event_type": "progressive-backfill", "client_payload": {"repository":
// "owner/name", "chunk_size": 50, "max_chunks": N, "time_budget": "5h45m"}}:
// settings left unset are left out, `restart` never goes in (a continuation
// resumes). read_event reads this payload back to the same settings.
nlohmann::json dispatch_payload(const RepoName& repo, const RunSettings& settings);

}  // namespace backfill::actions
