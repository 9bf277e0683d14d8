#include "store/dashboard/dashboard_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace backfill::store::dashboard {

namespace {

std::int64_t int_or_zero(const RowReader& r, int column) { return r.integer(column).value_or(0); }

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Columns first..first+11 of a backfill_runs row (dashboard_sql.hpp kRunColumns).
RunRow run_from(const RowReader& r, int first) {
  RunRow run;
  run.repository = r.text(first).value_or("");
  run.trigger = r.text(first + 1).value_or("");
  run.run_url = r.text(first + 2);
  run.started_at = r.text(first + 3).value_or("");
  run.ended_at = r.text(first + 4);
  run.status = r.text(first + 5);
  run.exit_code = r.integer(first + 6);
  run.prs_stored = int_or_zero(r, first + 7);
  run.requests = int_or_zero(r, first + 8);
  run.retries = int_or_zero(r, first + 9);
  run.rate_limit_wait_ms = int_or_zero(r, first + 10);
  run.error = r.text(first + 11);
  return run;
}

// Columns first..first+7 of a backfill_chunks row (kDashboard chunks_of).
ChunkRow chunk_from(const RowReader& r, int first) {
  return ChunkRow{
      int_or_zero(r, first),     int_or_zero(r, first + 1),      int_or_zero(r, first + 2),
      int_or_zero(r, first + 3), int_or_zero(r, first + 4),      r.integer(first + 5),
      int_or_zero(r, first + 6), r.text(first + 7).value_or(""), std::nullopt};
}

// Every depth scope, with its newest chunk, into snapshot.scopes.
void read_scopes(const Statements& sql, const RunStatement& run, const LockProbe& held,
                 DashboardSnapshot& snapshot) {
  std::map<std::string, std::size_t> by_id;  // backfill_scopes.id -> row
  run(sql.scopes, std::nullopt, [&](const RowReader& r) {
    ScopeRow row;
    auto& s = row.summary;
    by_id[r.text(0).value_or("")] = snapshot.scopes.size();
    s.repository = r.text(1).value_or("");
    row.github_id = int_or_zero(r, 2);
    s.scope = r.text(3).value_or("");
    s.total_processed = int_or_zero(r, 4);
    s.total_expected = r.integer(5);
    s.status = status_from_string(r.text(6).value_or("pending"));
    row.started_at = r.text(7);
    s.updated_at = r.text(8);
    row.completed_at = r.text(9);
    s.last_error = r.text(10);
    row.error_count = int_or_zero(r, 11);
    row.resume_after = r.text(12);
    s.chunks = int_or_zero(r, 13);
    s.points_used = int_or_zero(r, 14);
    snapshot.scopes.push_back(std::move(row));
  });
  run(sql.latest_scope_chunks, std::nullopt, [&](const RowReader& r) {
    const auto found = by_id.find(r.text(0).value_or(""));
    if (found == by_id.end()) return;
    auto& row = snapshot.scopes[found->second];
    row.rate_limit_remaining = r.integer(1);
    row.last_chunk_at = r.text(2);
    row.rate_limit_reset_at = r.text(3);
  });
  // A depth run holds the repository's one lock, as a list run does.
  for (auto& row : snapshot.scopes) {
    if (row.summary.status == Status::kInProgress && row.github_id > 0) {
      row.stale = !held(row.github_id);
    }
  }
}

}  // namespace

DashboardSnapshot read_snapshot(const Statements& sql, const RunStatement& run,
                                const LockProbe& held) {
  DashboardSnapshot snapshot;
  std::map<std::string, std::size_t> by_id;  // repository id -> row
  run(sql.rows, std::nullopt, [&](const RowReader& r) {
    DashboardRow row;
    auto& s = row.summary;
    by_id[r.text(0).value_or("")] = snapshot.rows.size();
    s.repository = r.text(1).value_or("");
    s.github_id = int_or_zero(r, 2);
    row.tracked = int_or_zero(r, 3) != 0;
    row.github_pull_count = r.integer(4);
    row.started = int_or_zero(r, 5) != 0;
    s.total_processed = int_or_zero(r, 6);
    s.total_expected = row.started ? r.integer(7) : row.github_pull_count;
    s.status = row.started ? status_from_string(r.text(8).value_or("pending")) : Status::kPending;
    s.started_at = r.text(9);
    s.updated_at = r.text(10);
    row.completed_at = r.text(11);
    s.last_error = r.text(12);
    row.error_count = int_or_zero(r, 13);
    s.resume_after = r.text(14);
    row.cursor = r.text(15);
    row.refreshed_at = r.text(17);
    row.refresh_changed = r.integer(18);
    row.chunks_committed = int_or_zero(r, 16);
    snapshot.rows.push_back(std::move(row));
  });
  auto each_row_of = [&](const char* statement, auto&& apply) {
    run(statement, std::nullopt, [&](const RowReader& r) {
      auto found = by_id.find(r.text(0).value_or(""));
      if (found != by_id.end()) apply(snapshot.rows[found->second], r);
    });
  };
  each_row_of(sql.pace, [](DashboardRow& row, const RowReader& r) {
    row.summary.recent = Pace{int_or_zero(r, 1), int_or_zero(r, 2), int_or_zero(r, 3),
                              std::chrono::milliseconds(int_or_zero(r, 4))};
  });
  each_row_of(sql.chunk_totals, [](DashboardRow& row, const RowReader& r) {
    row.requests = int_or_zero(r, 1);
    row.retries = int_or_zero(r, 2);
  });
  each_row_of(sql.latest_chunks, [](DashboardRow& row, const RowReader& r) {
    row.rate_limit_remaining = r.integer(1);
    row.last_chunk_at = r.text(2);
    row.rate_limit_reset_at = r.text(3);
  });
  // Newest first: the first run seen of a repository is its latest.
  each_row_of(sql.latest_runs, [](DashboardRow& row, const RowReader& r) {
    if (!row.last_run) row.last_run = run_from(r, 1);
  });
  run(sql.runs_by_status, std::nullopt, [&](const RowReader& r) {
    snapshot.runs_by_status.push_back(RunTotals{r.text(0).value_or("running"), int_or_zero(r, 1),
                                                int_or_zero(r, 2), int_or_zero(r, 3),
                                                int_or_zero(r, 4), int_or_zero(r, 5)});
  });
  for (auto& row : snapshot.rows) {
    auto& s = row.summary;
    if (s.status == Status::kInProgress && s.github_id > 0) s.stale = !held(s.github_id);
  }
  read_scopes(sql, run, held, snapshot);
  return snapshot;
}

RepositoryHistory read_history(const Statements& sql, const RunStatement& run,
                               const RepoName& repository) {
  RepositoryHistory history;
  const std::string key = lower(repository.full());
  run(sql.chunks_of, key, [&](const RowReader& r) { history.chunks.push_back(chunk_from(r, 0)); });
  std::reverse(history.chunks.begin(), history.chunks.end());  // read newest first
  run(sql.scope_chunks_of, key, [&](const RowReader& r) {
    const std::string scope = r.text(0).value_or("");
    if (history.scopes.empty() || history.scopes.back().scope != scope) {
      history.scopes.push_back(ScopeChunks{scope, {}});
    }
    auto chunk = chunk_from(r, 1);
    chunk.points = r.integer(9);
    history.scopes.back().chunks.push_back(std::move(chunk));
  });
  for (auto& scope : history.scopes) std::reverse(scope.chunks.begin(), scope.chunks.end());
  run(sql.runs_of, key, [&](const RowReader& r) { history.runs.push_back(run_from(r, 0)); });
  return history;
}

}  // namespace backfill::store::dashboard
