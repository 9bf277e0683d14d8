#pragma once
// What `backfill status` reads.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/repo_name.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

class StatusView {
 public:
  virtual ~StatusView() = default;

  // Rows of the active_backfills view (every backfill not completed), or of
  // every backfill when `include_all`; optionally for one repository.
  virtual std::vector<BackfillSummary> backfills(const std::optional<RepoName>& repo,
                                                 bool include_all) = 0;

  // Number of stored PRs of a repository (for tests and status).
  virtual std::int64_t count_pulls(const std::string& repository_id) = 0;
};

}  // namespace backfill::store
