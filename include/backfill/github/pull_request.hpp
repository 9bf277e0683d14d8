#pragma once
// Parsing GitHub's "Pull Request Simple" (GET /repos/{o}/{r}/pulls) into the
// domain model (core/pull_request.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/core/pull_request.hpp"

namespace backfill::github {

// The domain model lives in core: the store keeps PRs whatever wire format
// (REST here, GraphQL later) they arrived in. These names stay usable here.
using backfill::Contributor;
using backfill::PullRequest;

// Parses one page of the pulls listing (a JSON array). Fields that the schema
// allows to be absent or null are tolerated; a body that is not a JSON array,
// or an item without `id`/`number`, throws std::runtime_error (the caller
// treats it as a truncated/garbled reply and retries).
std::vector<PullRequest> parse_pull_page(std::string_view json_text);

}  // namespace backfill::github
