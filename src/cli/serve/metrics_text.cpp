#include "cli/serve/metrics_text.hpp"

#include <functional>
#include <sstream>

namespace backfill::cli::serve {

namespace {

// Every status a repository can be shown with (one-hot).
constexpr const char* kStatuses[] = {"pending",   "in_progress", "paused",
                                     "completed", "failed",      "stale"};

void family(std::ostringstream& out, const std::string& name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

std::string repo_label(const store::DashboardRow& row) {
  return "repository=\"" + escape_label_value(row.summary.repository) + "\"";
}

// One sample per repository that has a value.
void per_repository(std::ostringstream& out, const store::DashboardSnapshot& snapshot,
                    const std::string& name, const char* type, const char* help,
                    const std::function<std::optional<double>(const store::DashboardRow&)>& value) {
  family(out, name, type, help);
  for (const auto& row : snapshot.rows) {
    if (const auto v = value(row)) out << name << '{' << repo_label(row) << "} " << *v << '\n';
  }
}

std::string scope_labels(const store::ScopeRow& row) {
  return "repository=\"" + escape_label_value(row.summary.repository) + "\",scope=\"" +
         escape_label_value(row.summary.scope) + "\"";
}

// One sample per depth scope that has a value.
void per_scope(std::ostringstream& out, const store::DashboardSnapshot& snapshot,
               const std::string& name, const char* type, const char* help,
               const std::function<std::optional<double>(const store::ScopeRow&)>& value) {
  family(out, name, type, help);
  for (const auto& row : snapshot.scopes) {
    if (const auto v = value(row)) out << name << '{' << scope_labels(row) << "} " << *v << '\n';
  }
}

std::optional<double> seconds_between(const std::optional<std::string>& at, SystemTime now) {
  if (!at) return std::nullopt;
  try {
    return std::chrono::duration<double>(now - parse_iso8601(*at)).count();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A pause for a rate limit (resume_after) is newer than any chunk before it.
std::optional<std::string> latest_reset(const std::optional<std::string>& resume_after,
                                        const std::optional<std::string>& after_chunk) {
  return resume_after ? resume_after : after_chunk;
}

std::optional<double> epoch_seconds(const std::optional<std::string>& at) {
  if (!at) return std::nullopt;
  try {
    return std::chrono::duration<double>(parse_iso8601(*at).time_since_epoch()).count();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The depth scopes (--with): families of their own, so that sums over the
// list families still count each repository's PRs once.
void scope_families(std::ostringstream& out, const store::DashboardSnapshot& s) {
  using Scope = store::ScopeRow;
  per_scope(out, s, "backfill_scope_pull_requests_stored", "gauge",
            "Pull requests the depth scope has passed (details, reviews, comments stored).",
            [](const Scope& r) { return static_cast<double>(r.summary.total_processed); });
  per_scope(out, s, "backfill_scope_pull_requests_expected", "gauge",
            "Pull requests the depth scope expects (absent while unknown).",
            [](const Scope& r) -> std::optional<double> {
              if (!r.summary.total_expected) return std::nullopt;
              return static_cast<double>(*r.summary.total_expected);
            });
  family(out, "backfill_scope_status", "gauge",
         "The depth scope's status, one-hot: 1 for its status, 0 for the others.");
  for (const auto& row : s.scopes) {
    const std::string shown = row.stale ? "stale" : store::to_string(row.summary.status);
    for (const char* status : kStatuses) {
      out << "backfill_scope_status{" << scope_labels(row) << ",status=\"" << status << "\"} "
          << (shown == status ? 1 : 0) << '\n';
    }
  }
  per_scope(out, s, "backfill_scope_chunks_total", "counter",
            "Chunks committed for the depth scope, across runs.",
            [](const Scope& r) { return static_cast<double>(r.summary.chunks); });
  per_scope(out, s, "backfill_scope_points_total", "counter",
            "GraphQL points the depth scope's committed chunks cost.",
            [](const Scope& r) { return static_cast<double>(r.summary.points_used); });
  per_scope(out, s, "backfill_scope_rate_limit_reset_timestamp_seconds", "gauge",
            "When the rate limit the depth scope last saw resets (Unix time): the one that "
            "paused it, else the one after its latest chunk.",
            [](const Scope& r) {
              return epoch_seconds(latest_reset(r.resume_after, r.rate_limit_reset_at));
            });
}

}  // namespace

std::string escape_label_value(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string render_metrics(const std::optional<store::DashboardSnapshot>& snapshot,
                           SystemTime now) {
  std::ostringstream out;
  out.precision(15);
  family(out, "backfill_database_up", "gauge",
         "Whether the last read of the database succeeded (1) or not (0).");
  out << "backfill_database_up " << (snapshot ? 1 : 0) << '\n';
  if (!snapshot) return out.str();
  const auto& s = *snapshot;
  using Row = store::DashboardRow;
  per_repository(out, s, "backfill_pull_requests_stored", "gauge",
                 "Distinct pull requests of the repository stored in the database.",
                 [](const Row& r) { return static_cast<double>(r.summary.total_processed); });
  per_repository(out, s, "backfill_pull_requests_expected", "gauge",
                 "Pull requests GitHub counted for the repository (absent while unknown).",
                 [](const Row& r) -> std::optional<double> {
                   if (!r.summary.total_expected) return std::nullopt;
                   return static_cast<double>(*r.summary.total_expected);
                 });
  family(out, "backfill_status", "gauge",
         "The repository's backfill status, one-hot: 1 for its status, 0 for the others.");
  for (const auto& row : s.rows) {
    const std::string shown = store::shown_status(row.summary);
    for (const char* status : kStatuses) {
      out << "backfill_status{" << repo_label(row) << ",status=\"" << status << "\"} "
          << (shown == status ? 1 : 0) << '\n';
    }
  }
  per_repository(out, s, "backfill_chunks_total", "counter",
                 "Chunks committed for the repository, across runs.",
                 [](const Row& r) { return static_cast<double>(r.chunks_committed); });
  per_repository(out, s, "backfill_requests_total", "counter",
                 "GitHub API requests spent on the repository's committed chunks.",
                 [](const Row& r) { return static_cast<double>(r.requests); });
  per_repository(out, s, "backfill_retries_total", "counter",
                 "Retried GitHub API requests among them.",
                 [](const Row& r) { return static_cast<double>(r.retries); });
  per_repository(out, s, "backfill_errors_total", "counter",
                 "Errors recorded for the repository's backfill (error_count).",
                 [](const Row& r) { return static_cast<double>(r.error_count); });
  per_repository(out, s, "backfill_rate_limit_remaining", "gauge",
                 "GitHub rate-limit calls left after the repository's latest chunk.",
                 [](const Row& r) -> std::optional<double> {
                   if (!r.rate_limit_remaining) return std::nullopt;
                   return static_cast<double>(*r.rate_limit_remaining);
                 });
  per_repository(
      out, s, "backfill_rate_limit_reset_timestamp_seconds", "gauge",
      "When the rate limit the backfill last saw resets (Unix time): the one that "
      "paused it, else the one after its latest chunk.",
      [](const Row& r) {
        return epoch_seconds(latest_reset(r.summary.resume_after, r.rate_limit_reset_at));
      });
  per_repository(out, s, "backfill_last_progress_age_seconds", "gauge",
                 "Seconds since the repository's latest committed chunk (or progress update).",
                 [now](const Row& r) {
                   return seconds_between(r.last_chunk_at ? r.last_chunk_at : r.summary.updated_at,
                                          now);
                 });
  scope_families(out, s);
  family(out, "backfill_runs", "gauge",
         "Runs recorded in backfill_runs, by how they ended (running: not ended yet).");
  for (const auto& t : s.runs_by_status) {
    out << "backfill_runs{status=\"" << escape_label_value(t.status) << "\"} " << t.runs << '\n';
  }
  family(out, "backfill_run_rate_limit_wait_seconds_total", "counter",
         "Time runs spent waiting on GitHub rate limits, by how they ended.");
  for (const auto& t : s.runs_by_status) {
    out << "backfill_run_rate_limit_wait_seconds_total{status=\"" << escape_label_value(t.status)
        << "\"} " << static_cast<double>(t.rate_limit_wait_ms) / 1000.0 << '\n';
  }
  return out.str();
}

}  // namespace backfill::cli::serve
