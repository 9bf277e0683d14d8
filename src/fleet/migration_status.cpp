#include "backfill/fleet/migration_status.hpp"

#include <spdlog/spdlog.h>

#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"

namespace backfill::fleet {

namespace {

// Failures that say nothing about one repository in particular.
bool ends_the_check(const github::GitHubError& e) {
  return e.kind() == github::ErrorKind::kUnauthorized || e.kind() == github::ErrorKind::kCancelled;
}

}  // namespace

MigrationStatus collect_migration_status(store::Store& store, const PullCounter& count_pulls,
                                         SystemTime now, std::chrono::seconds stall_after,
                                         std::chrono::seconds stale_after) {
  MigrationStatus result;
  result.checked_at = format_iso8601(now);
  result.stall_after = stall_after;
  for (auto& tracked : store.tracked_repositories()) {
    const RepoName& name = tracked.repository.name;
    VerdictInput input;
    input.progress = std::move(tracked.progress);
    input.now = now;
    input.stall_after = stall_after;
    input.stale_after = stale_after;
    if (input.progress && input.progress->status == store::Status::kCompleted) {
      if (auto state = store.load_refresh(tracked.repository.id, store::kListScope)) {
        input.refreshed_at = state->refreshed_at;
      }
    }
    try {
      input.github_count = count_pulls(name);
      store.record_github_pull_count(tracked.repository.id, *input.github_count, result.checked_at);
    } catch (const github::GitHubError& e) {
      if (ends_the_check(e)) throw;
      input.github_error = redact(e.what());
      spdlog::warn("{}: cannot count its pull requests on GitHub: {}", name.full(),
                   input.github_error);
    }

    RepositoryStatus row;
    row.repository = name.full();
    row.stored = stored_pulls(input.progress);
    row.github_count = input.github_count;
    if (input.progress) {
      row.status = input.progress->status;
      row.last_progress = input.progress->updated_at;
      row.resume_after = input.progress->resume_after;
      row.last_error = input.progress->last_error;
    }
    row.verdict = judge(input);
    result.repositories.push_back(std::move(row));
  }
  return result;
}

bool all_complete(const MigrationStatus& status) {
  for (const auto& r : status.repositories) {
    if (r.verdict.kind != VerdictKind::kComplete && r.verdict.kind != VerdictKind::kStale) {
      return false;
    }
  }
  return true;
}

}  // namespace backfill::fleet
