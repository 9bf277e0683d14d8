#pragma once
// `backfill check-migration-status`: for every tracked repository, what is
// stored against GitHub's current count, and a verdict (fleet/verdict.hpp).
// Collecting costs one request per repository (the per_page=1 count);
// rendering is pure.
#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/fleet/verdict.hpp"
#include "backfill/store/store.hpp"

namespace backfill::fleet {

struct RepositoryStatus {
  std::string repository;                    // "owner/name" as stored
  std::optional<std::string> scope;          // a depth scope (--with); nullopt: the list
  std::int64_t stored = 0;                   // distinct PRs stored
  std::optional<std::int64_t> github_count;  // nullopt: the request failed (see verdict)
  std::optional<store::Status> status;       // nullopt: never started
  std::optional<std::string> last_progress;  // updated_at (backfill_progress or backfill_scopes)
  std::optional<std::string> resume_after;
  std::optional<std::string> last_error;
  Verdict verdict;
};

struct MigrationStatus {
  std::string checked_at;  // ISO-8601 UTC
  std::chrono::seconds stall_after = kDefaultStallAfter;
  std::vector<RepositoryStatus> repositories;  // by lower-cased owner/name
  // Depth scopes of tracked repositories (a backfill_scopes row, or the
  // scope of `track --with` not started yet): by repository, then scope.
  std::vector<RepositoryStatus> scopes;
};

// GitHub's current count of a repository's pull requests; throws
// github::GitHubError when it cannot say.
using PullCounter = std::function<std::int64_t(const RepoName&)>;

// Counts every tracked repository, records each count in the registry
// (Store::record_github_pull_count) and judges it. A repository whose count
// fails (not found, retries exhausted) gets github_count nullopt and the
// error in its verdict; a rejected token (401) or a stop request ends the
// whole check by rethrowing, since every other repository would fail alike.
// A completed one is stale when its list scope was not refreshed within
// `stale_after` (the refresh state is read from the store). Each depth
// scope is judged the same way, against the same count.
MigrationStatus collect_migration_status(store::Store& store, const PullCounter& count_pulls,
                                         SystemTime now, std::chrono::seconds stall_after,
                                         std::chrono::seconds stale_after = kDefaultStaleAfter);

// True when every tracked repository and every depth scope is complete (and
// vacuously for none); a stale one is complete too: its data lags, nothing
// of it is missing.
bool all_complete(const MigrationStatus& status);

// "5 tracked: 1 complete, 2 incomplete, 1 stalled, 1 failed; 1,234 PRs not yet stored",
// then, when there are depth scopes, "; 2 depth scopes: 1 complete, 1 incomplete".
std::string summary_line(const MigrationStatus& status);
// A table, then one line per repository that needs attention, then (only
// when there are any) the depth scopes' table and lines, then the summary
// line. Without depth scopes the output is what it always was.
std::string status_table(const MigrationStatus& status);
// {"checked_at", "stall_after_seconds", "repositories": [...], "scopes": [...],
//  "summary": {...}}; a scope row has the keys of a repository row plus "scope".
nlohmann::json status_json(const MigrationStatus& status);

}  // namespace backfill::fleet
