#include "backfill/fleet/migration_status.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"

namespace backfill::fleet {

namespace {

// Failures that say nothing about one repository in particular.
bool ends_the_check(const github::GitHubError& e) {
  return e.kind() == github::ErrorKind::kUnauthorized || e.kind() == github::ErrorKind::kCancelled;
}

// The depth scopes of a repository: those that ran, and the one it is
// tracked --with even before it starts, sorted.
std::set<std::string> scope_keys(store::Store& store, const store::Repository& repository) {
  std::set<std::string> keys;
  for (const auto& row : store.scopes(repository.name)) keys.insert(row.scope);
  if (auto with = store.backfill_with(repository.id)) keys.insert(*with);
  return keys;
}

RepositoryStatus status_row(const std::string& repository, const VerdictInput& input) {
  RepositoryStatus row;
  row.repository = repository;
  row.stored = stored_pulls(input.progress);
  row.github_count = input.github_count;
  if (input.progress) {
    row.status = input.progress->status;
    row.last_progress = input.progress->updated_at;
    row.resume_after = input.progress->resume_after;
    row.last_error = input.progress->last_error;
  }
  row.verdict = judge(input);
  return row;
}

// How fresh a completed scope (list or depth) is.
std::optional<std::string> refreshed_at(store::Store& store, const std::string& repository_id,
                                        const std::string& scope,
                                        const std::optional<store::Progress>& progress) {
  if (!progress || progress->status != store::Status::kCompleted) return std::nullopt;
  if (auto state = store.load_refresh(repository_id, scope)) return state->refreshed_at;
  return std::nullopt;
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
    input.refreshed_at =
        refreshed_at(store, tracked.repository.id, store::kListScope, input.progress);
    try {
      input.github_count = count_pulls(name);
      store.record_github_pull_count(tracked.repository.id, *input.github_count, result.checked_at);
    } catch (const github::GitHubError& e) {
      if (ends_the_check(e)) throw;
      input.github_error = redact(e.what());
      spdlog::warn("{}: cannot count its pull requests on GitHub: {}", name.full(),
                   input.github_error);
    }

    result.repositories.push_back(status_row(name.full(), input));

    for (const auto& scope : scope_keys(store, tracked.repository)) {
      VerdictInput deep = input;  // the same count and times
      deep.progress = store.load_scope(tracked.repository.id, scope);
      deep.refreshed_at = refreshed_at(store, tracked.repository.id, scope, deep.progress);
      auto row = status_row(name.full(), deep);
      row.scope = scope;
      result.scopes.push_back(std::move(row));
    }
  }
  return result;
}

bool all_complete(const MigrationStatus& status) {
  for (const auto* rows : {&status.repositories, &status.scopes}) {
    for (const auto& r : *rows) {
      if (r.verdict.kind != VerdictKind::kComplete && r.verdict.kind != VerdictKind::kStale) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace backfill::fleet
