#pragma once
// A dashboard snapshot as the store would read it, for the serve view tests.
#include "backfill/store/dashboard_view.hpp"

namespace backfill::cli::serve::testing {

inline store::DashboardRow dashboard_row(const std::string& repository, store::Status status,
                                         std::int64_t processed,
                                         std::optional<std::int64_t> expected) {
  store::DashboardRow row;
  row.summary.repository = repository;
  row.summary.github_id = 42;
  row.summary.status = status;
  row.summary.total_processed = processed;
  row.summary.total_expected = expected;
  row.summary.updated_at = "2026-11-30T12:00:00Z";
  row.tracked = true;
  row.started = true;
  return row;
}

// A running backfill, a failed one whose error and run URL are hostile, a
// tracked repository never started.
inline store::DashboardSnapshot sample_snapshot() {
  store::DashboardSnapshot s;
  auto running = dashboard_row("octo/running", store::Status::kInProgress, 250, 1000);
  running.summary.recent = store::Pace{5, 250, 10, std::chrono::minutes(1)};
  running.chunks_committed = 5;
  running.requests = 12;
  running.retries = 2;
  running.rate_limit_remaining = 4321;
  running.rate_limit_reset_at = "2026-11-30T12:30:00Z";
  running.last_chunk_at = "2026-11-30T12:00:30Z";
  running.cursor =
      R"({"v":1,"per_page":100,"page":3,"index":49,"number":250,"created_at":"2024-01-02T03:04:05Z"})";
  running.last_run = store::RunRow{"octo/running",
                                   "workflow_dispatch",
                                   "https://github.com/o/r/actions/runs/1",
                                   "2026-11-30T11:59:00Z",
                                   std::nullopt,
                                   std::nullopt,
                                   std::nullopt,
                                   0,
                                   0,
                                   0,
                                   0,
                                   std::nullopt};
  auto failed = dashboard_row("octo/failed", store::Status::kFailed, 10, 20);
  failed.summary.last_error = "<script>alert(1)</script>";
  failed.error_count = 3;
  failed.summary.resume_after = "2026-11-30T13:00:00Z";
  failed.last_run = store::RunRow{"octo/failed",
                                  "terminal",
                                  "javascript:alert(2)",
                                  "2026-11-30T11:00:00Z",
                                  "2026-11-30T11:01:00Z",
                                  "failed",
                                  1,
                                  10,
                                  4,
                                  1,
                                  2500,
                                  "<b>boom</b>"};
  auto pending = dashboard_row("octo/new", store::Status::kPending, 0, 7);
  pending.started = false;
  pending.summary.updated_at.reset();
  s.rows = {failed, pending, running};
  // Depth scopes: one moving, one failed with a hostile error and scope name.
  store::ScopeRow deep;
  deep.summary = store::ScopeSummary{"octo/running",
                                     "comments,details,reviews",
                                     40,
                                     100,
                                     store::Status::kInProgress,
                                     "2026-11-30T12:00:00Z",
                                     std::nullopt,
                                     2,
                                     9};
  deep.github_id = 42;
  deep.rate_limit_remaining = 4990;
  deep.rate_limit_reset_at = "2026-11-30T12:45:00Z";
  deep.last_chunk_at = "2026-11-30T12:00:50Z";
  store::ScopeRow broken;
  broken.summary = store::ScopeSummary{"octo/failed",
                                       "<i>details</i>",
                                       5,
                                       std::nullopt,
                                       store::Status::kFailed,
                                       "2026-11-30T11:00:00Z",
                                       "<img src=x onerror=alert(3)>",
                                       1,
                                       3};
  broken.error_count = 1;
  s.scopes = {broken, deep};
  s.runs_by_status = {store::RunTotals{"failed", 1, 10, 4, 1, 2500},
                      store::RunTotals{"running", 1, 0, 0, 0, 0}};
  return s;
}

}  // namespace backfill::cli::serve::testing
