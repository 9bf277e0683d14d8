#include "cli/serve/json_views.hpp"

#include <nlohmann/json.hpp>

#include <map>

#include "backfill/cli/scope_table.hpp"
#include "backfill/cli/status_table.hpp"
#include "backfill/core/depth_scope.hpp"
#include "backfill/engine/cursor.hpp"
#include "cli/serve/html_escape.hpp"
#include "cli/serve/progress_history.hpp"

namespace backfill::cli::serve {

namespace {

template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

// Seconds from `at` (ISO-8601) to now; nullopt when there is no such time.
std::optional<std::int64_t> seconds_since(const std::optional<std::string>& at, SystemTime now) {
  if (!at) return std::nullopt;
  try {
    return std::chrono::duration_cast<std::chrono::seconds>(now - parse_iso8601(*at)).count();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

nlohmann::json chunk_json(const store::ChunkRow& c) {
  nlohmann::json j = {{"chunk_index", c.chunk_index},
                      {"pr_count", c.pr_count},
                      {"chunk_size", c.chunk_size},
                      {"requests", c.requests},
                      {"retries", c.retries},
                      {"rate_limit_remaining", optional_json(c.rate_limit_remaining)},
                      {"duration_ms", c.duration_ms},
                      {"ran_at", c.ran_at}};
  if (c.points) j["points"] = *c.points;
  return j;
}

}  // namespace

std::string shown_scope_status(const store::ScopeRow& row) {
  return row.stale ? "stale" : store::to_string(row.summary.status);
}

nlohmann::json scope_row_json(const store::ScopeRow& row, SystemTime now) {
  const auto& s = row.summary;
  nlohmann::json j = scope_json({s}).at(0);
  j["status"] = shown_scope_status(row);
  j["percent_done"] = optional_json(percent_value(s.total_processed, s.total_expected));
  j["started_at"] = optional_json(row.started_at);
  j["completed_at"] = optional_json(row.completed_at);
  j["resume_after"] = optional_json(row.resume_after);
  j["error_count"] = row.error_count;
  j["rate_limit_remaining"] = optional_json(row.rate_limit_remaining);
  j["rate_limit_reset_at"] = optional_json(row.rate_limit_reset_at);
  j["last_chunk_at"] = optional_json(row.last_chunk_at);
  j["seconds_since_progress"] =
      optional_json(seconds_since(row.last_chunk_at ? row.last_chunk_at : s.updated_at, now));
  j["url"] = repository_path(s.repository);
  return j;
}

std::string repository_path(const std::string& repository) {
  const auto slash = repository.find('/');
  return "/repos/" + encode_path_segment(repository.substr(0, slash)) + "/" +
         encode_path_segment(slash == std::string::npos ? "" : repository.substr(slash + 1));
}

std::string cursor_in_words(const std::optional<std::string>& cursor) {
  if (!cursor || cursor->empty()) return "not started";
  const auto parsed = engine::parse_cursor(*cursor);
  if (!parsed) return "unreadable cursor (the next run starts over from the first page)";
  return "page " + std::to_string(parsed->page) + ", item " + std::to_string(parsed->index + 1) +
         " (PR #" + std::to_string(parsed->number) + ", created " + parsed->created_at + ")";
}

nlohmann::json run_json(const store::RunRow& run) {
  return {{"repository", run.repository},
          {"trigger", run.trigger},
          {"run_url", optional_json(run.run_url)},
          {"started_at", run.started_at},
          {"ended_at", optional_json(run.ended_at)},
          {"status", run.status ? *run.status : "running"},
          {"exit_code", optional_json(run.exit_code)},
          {"prs_stored", run.prs_stored},
          {"requests", run.requests},
          {"retries", run.retries},
          {"rate_limit_wait_ms", run.rate_limit_wait_ms},
          {"error", optional_json(run.error)}};
}

nlohmann::json backfill_row_json(const store::DashboardRow& row, SystemTime now) {
  nlohmann::json j = status_json({row.summary}).at(0);
  // What `status --json` adds: the scope, and for a completed backfill how
  // fresh it is.
  j["scope"] = kListScope;
  if (row.summary.status == store::Status::kCompleted) {
    j["fresh_as_of"] = optional_json(row.refreshed_at);
    j["refresh_changed"] = row.refreshed_at ? optional_json(row.refresh_changed) : nlohmann::json();
  }
  j["url"] = repository_path(row.summary.repository);
  j["tracked"] = row.tracked;
  j["started"] = row.started;
  j["github_pull_count"] = optional_json(row.github_pull_count);
  j["completed_at"] = optional_json(row.completed_at);
  j["cursor"] = cursor_in_words(row.cursor);
  j["error_count"] = row.error_count;
  j["chunks"] = row.chunks_committed;
  j["requests"] = row.requests;
  j["retries"] = row.retries;
  j["rate_limit_remaining"] = optional_json(row.rate_limit_remaining);
  j["rate_limit_reset_at"] = optional_json(row.rate_limit_reset_at);
  j["last_chunk_at"] = optional_json(row.last_chunk_at);
  j["seconds_since_progress"] = optional_json(
      seconds_since(row.last_chunk_at ? row.last_chunk_at : row.summary.updated_at, now));
  j["last_run"] = row.last_run ? run_json(*row.last_run) : nlohmann::json();
  return j;
}

nlohmann::json backfills_json(const store::DashboardSnapshot& snapshot, SystemTime now) {
  auto rows = nlohmann::json::array();
  std::int64_t processed = 0, expected = 0;
  std::map<std::string, std::int64_t> by_status;
  for (const auto& row : snapshot.rows) {
    rows.push_back(backfill_row_json(row, now));
    processed += row.summary.total_processed;
    expected += row.summary.total_expected.value_or(0);
    ++by_status[store::shown_status(row.summary)];
  }
  auto scopes = nlohmann::json::array();
  for (const auto& scope : snapshot.scopes) scopes.push_back(scope_row_json(scope, now));
  auto runs = nlohmann::json::array();
  for (const auto& t : snapshot.runs_by_status) {
    runs.push_back({{"status", t.status},
                    {"runs", t.runs},
                    {"prs_stored", t.prs_stored},
                    {"requests", t.requests},
                    {"retries", t.retries},
                    {"rate_limit_wait_ms", t.rate_limit_wait_ms}});
  }
  return {{"backfills", rows},
          {"scopes", scopes},
          {"totals",
           {{"repositories", snapshot.rows.size()},
            {"scopes", snapshot.scopes.size()},
            {"total_processed", processed},
            {"total_expected", expected},
            {"by_status", by_status}}},
          {"runs_by_status", runs},
          {"generated_at", format_iso8601(now)}};
}

nlohmann::json repository_json(const store::DashboardRow& row,
                               const std::vector<store::ScopeRow>& scopes,
                               const store::RepositoryHistory& history, SystemTime now) {
  auto chunks = nlohmann::json::array();
  for (const auto& c : history.chunks) chunks.push_back(chunk_json(c));
  auto scope_list = nlohmann::json::array();
  for (const auto& scope : scopes) {
    auto j = scope_row_json(scope, now);
    j["chunks"] = nlohmann::json::array();
    for (const auto& h : history.scopes) {
      if (h.scope != scope.summary.scope) continue;
      for (const auto& c : h.chunks) j["chunks"].push_back(chunk_json(c));
    }
    scope_list.push_back(std::move(j));
  }
  auto runs = nlohmann::json::array();
  for (const auto& r : history.runs) runs.push_back(run_json(r));
  auto chart = nlohmann::json::array();
  for (const auto& p : stored_over_time(row.summary.total_processed, history.chunks)) {
    chart.push_back({{"at", p.at}, {"stored", p.stored}});
  }
  return {{"backfill", backfill_row_json(row, now)},
          {"chunks", chunks},
          {"runs", runs},
          {"chart", chart},
          {"scopes", scope_list},
          {"generated_at", format_iso8601(now)}};
}

}  // namespace backfill::cli::serve
