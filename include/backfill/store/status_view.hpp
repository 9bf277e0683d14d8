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
  // every backfill when `include_all`; optionally for one repository. An
  // in_progress row is `stale` when its repository's lock is free (tried,
  // and released at once).
  virtual std::vector<BackfillSummary> backfills(const std::optional<RepoName>& repo,
                                                 bool include_all) = 0;

  // Number of stored PRs of a repository (for tests and status).
  virtual std::int64_t count_pulls(const std::string& repository_id) = 0;
};

// The status a person is shown: "stale" for a stale row, else the stored one.
std::string shown_status(const BackfillSummary& row);

}  // namespace backfill::store
