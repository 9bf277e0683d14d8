#pragma once
// The registry (migrations 0003, 0004): which repositories are scheduled,
// and what the scheduler did with them. A repository is tracked from
// `backfill track` or its first backfill until `backfill untrack`;
// untracking only stops scheduling, every row stays.
#include <cstdint>
#include <string>
#include <vector>

#include "backfill/core/repo_name.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

class Registry {
 public:
  virtual ~Registry() = default;

  // In one transaction: inserts or refreshes the repository exactly as
  // RepositoryCatalog::upsert_repository does (same FatalError), tracks it
  // (tracked_at kept when it already was) and records `pull_count` as
  // GitHub's count at `now`.
  virtual TrackOutcome track_repository(std::int64_t github_id, const RepoName& name,
                                        std::int64_t pull_count, const std::string& now) = 0;
  // Stops scheduling a repository; its rows (PRs, progress, runs) stay.
  // Returns true when it was tracked.
  virtual bool untrack_repository(const std::string& repository_id) = 0;
  // Every tracked repository with its progress, by lower-cased owner, then name.
  virtual std::vector<TrackedRepository> tracked_repositories() = 0;

  // The scheduler sent the repository to GitHub Actions at `now`.
  virtual void record_dispatch(const std::string& repository_id, const std::string& now) = 0;
  // An inline run ran out of its budget: route it to Actions from now on.
  virtual void set_prefer_actions(const std::string& repository_id, bool prefer) = 0;
};

}  // namespace backfill::store
