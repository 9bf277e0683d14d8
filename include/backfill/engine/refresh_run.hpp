#pragma once
// An incremental refresh of a repository whose list backfill is completed
// (scope "list"), or, with RunParams::depth, whose depth scope is completed
// (engine/depth_refresh.hpp: the same walk through GraphQL, replacing each
// PR's reviews and conversation comments): walk GET /repos/{o}/{r}/pulls sorted by update, newest
// first, down to the last refresh's watermark (engine/refresh_walk.hpp),
// upserting every pull request met, and save the new watermark with the
// last rows, in one transaction. The first request is conditional on the
// validators of the last refresh's first page: a 304 ends the refresh
// (nothing changed, no rate-limit point spent, one request in all).
//
// The repository lock is held for the walk only. The backfill's progress
// row (status, cursor, chunks) is never written: a refresh that pauses or
// fails leaves the backfill completed and its watermark where it was, so
// the next refresh walks again (its upserts are harmless).
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/github/client.hpp"
#include "backfill/store/store.hpp"

namespace backfill::engine {

struct RefreshOutcome {
  // result (completed, paused, failed), repository, reason, this run's
  // requests, retries, waits and rate limit; stored_this_run: PRs written.
  RunOutcome run;
  // The repository's list backfill is not completed (or never started, or
  // the repository is unknown here): nothing was done, not even a request.
  bool refused = false;
  std::optional<store::Progress> backfill;  // where that backfill stands
  bool not_modified = false;                // GitHub answered 304
  std::int64_t changed = 0;                 // PRs new or updated since the last refresh
  std::int64_t rate_limit_points = 0;       // REST requests GitHub counted (all but a 304)
  // A depth scope's refresh (run.scope is its key; run.points the GraphQL
  // points): the children of the PRs met, as GitHub has them, and those
  // stored that GitHub no longer has (deleted).
  std::int64_t reviews = 0, comments = 0;
  std::int64_t reviews_deleted = 0, comments_deleted = 0;
  // With `comments`: the inline review comments of those PRs (REST, 1
  // request per 100 of a PR, in rate_limit_points), and those deleted.
  std::int64_t review_comments = 0, review_comments_deleted = 0;
};

struct RefreshDeps {
  github::GitHubClient& github;
  store::Store& store;
  Clock& clock;
  const CancelToken& cancel;
  std::function<double()> uniform01;  // jitter source
};

// `params` as for a backfill: repo, chunk_size (rows per transaction),
// max_chunks and time_budget (a refresh stopped by either is paused),
// runner, trigger, run_url, held_lock. restart and on_progress are not
// used. Throws RepositoryBusy when another process holds the repository.
RefreshOutcome run_refresh(const RunParams& params, RefreshDeps deps);

// "refresh of owner/name refused: its backfill is in_progress (340 of 1,000
// PRs stored); a refresh needs a completed backfill"; for a depth scope
// "refresh of owner/name (comments,details,reviews) refused: its backfill
// of comments,details,reviews is paused (...)".
std::string refusal_message(const RepoName& repo, const std::optional<store::Progress>& backfill,
                            const std::string& scope = kListScope);

// The result line: outcome_json(run) plus "refresh" ("unchanged",
// "changed" or, when it did not finish, "interrupted"), "changed" and
// "rate_limit_points"; for a depth scope also "scope", "points", "reviews",
// "comments", "reviews_deleted", "comments_deleted", "review_comments" and
// "review_comments_deleted".
nlohmann::json refresh_outcome_json(const RefreshOutcome& outcome);

}  // namespace backfill::engine
