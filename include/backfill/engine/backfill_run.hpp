#pragma once
// The chunk loop: fetch a page of 100, split it into chunks, and commit each
// chunk together with the cursor that points at its last PR. Whatever stops
// the run, the database holds exactly the chunks committed so far and the
// cursor never points past stored data.
#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/core/depth_scope.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/client.hpp"
#include "backfill/store/backfill_store.hpp"

namespace backfill::engine {

// What the progress view needs after each chunk.
struct ProgressSnapshot {
  RepoName repo;
  std::int64_t total_processed = 0;
  std::int64_t total_expected = 0;
  std::int64_t stored_this_run = 0;
  Duration elapsed{0};
  github::RateLimitSnapshot rate;
};

struct RunParams {
  RepoName repo;
  int chunk_size = 50;  // the ceiling; the size used adapts to the budget (engine/budget)
  std::optional<long> max_chunks;
  std::optional<std::chrono::seconds> time_budget;
  bool restart = false;
  // --with: copy details, reviews and/or comments through GraphQL at
  // graphql_url (a scope of its own, store/depth_store.hpp). None: the REST
  // listing alone, exactly as without it.
  DepthScope depth;
  std::string graphql_url;
  RunnerParams runner;  // retries and rate-limit reserve; deadline set from time_budget
  std::string trigger = "terminal";                          // backfill_runs.trigger
  std::optional<std::string> run_url;                        // the GitHub Actions run, if any
  std::function<void(const ProgressSnapshot&)> on_progress;  // after each chunk
  // The repository's lock when the caller holds it already (a worker's
  // claim, store/work_queue.hpp): the run then takes none of its own, since
  // locks are not re-entrant. The caller keeps it until the run returns.
  const store::RepositoryLock* held_lock = nullptr;
};

// Why a run paused: only a spent time budget (or a wait it cannot hold)
// calls for a continuation job; a signal or --max-chunks does not.
enum class PauseKind { kNone, kMaxChunks, kTimeBudget, kRateLimitWait, kSignal };

enum class RunResult {
  kCompleted,  // exit 0
  kPaused,     // exit 75: max-chunks, time budget, signal, or a wait past the budget
  kFailed,     // exit 1
};

struct RunOutcome {
  RunResult result = RunResult::kFailed;
  RepoName repo;                     // canonical name
  std::int64_t stored_this_run = 0;  // PRs written by this run (inserted or refreshed)
  std::int64_t total_processed = 0;  // distinct PRs of the repository stored
  std::int64_t total_expected = 0;   // GitHub's count at the start of the run
  long chunks = 0;
  std::int64_t requests = 0;
  std::int64_t points = 0;         // GraphQL points this run cost (--with)
  std::string scope = kListScope;  // the progress it advanced: "list" or the --with scope
  long retries = 0;
  Duration waited{0};
  std::string reason;  // why it paused or failed
  PauseKind pause = PauseKind::kNone;
  std::optional<std::string> cursor;  // where the backfill stands, for people
  // Set when GitHub refused the run (401, 404, ...): lets a caller that runs
  // many repositories stop when the token itself is bad.
  std::optional<github::ErrorKind> error_kind;
  std::optional<SystemTime> resume_at;     // paused until a rate-limit reset
  github::RateLimitSnapshot rate;          // the budget as last seen
  std::vector<Duration> chunk_durations;   // of this run, in order
  std::vector<std::int64_t> chunk_totals;  // total_processed after each of them
};

int exit_code_for(RunResult result);
// "completed", "paused", "failed": the words of backfill_runs.status.
const char* result_word(RunResult result);

struct RunDeps {
  github::GitHubClient& github;
  store::BackfillStore& store;
  Clock& clock;
  const CancelToken& cancel;
  std::function<double()> uniform01;  // jitter source
};

// The machine-readable result line a run prints on stdout.
nlohmann::json outcome_json(const RunOutcome& outcome);

// The repository is resolved first (stored, else from GitHub), then locked
// by its GitHub id, so any name of it takes the same lock. Throws
// RepositoryBusy when another process holds it (no progress or run record
// written; never with RunParams::held_lock). Every other failure, GitHub's
// 401/404 included, is returned (kFailed; error_kind for GitHub's) and
// recorded in backfill_runs, and in backfill_progress once the repository
// is known.
RunOutcome run_backfill(const RunParams& params, RunDeps deps);

}  // namespace backfill::engine
