// `/` (pages.hpp): every repository, its bar, pace and last run.
#include <map>

#include "backfill/cli/status_table.hpp"
#include "backfill/core/duration.hpp"
#include "backfill/core/text.hpp"
#include "cli/serve/html_escape.hpp"
#include "cli/serve/json_views.hpp"
#include "cli/serve/page_frame.hpp"
#include "cli/serve/pages.hpp"

namespace backfill::cli::serve {

namespace {

std::string cell(const std::string& column, const std::string& html) {
  return "<td data-col=\"" + column + "\">" + html + "</td>";
}

std::string row_html(const store::DashboardRow& row, SystemTime now) {
  const auto& s = row.summary;
  const auto pace = pace_figures(s);
  const std::string status = store::shown_status(s);
  char rate[32] = "-";
  if (pace.prs_per_minute) std::snprintf(rate, sizeof rate, "%.0f", *pace.prs_per_minute);
  return "<tr data-repository=\"" + escape_html(s.repository) + "\" data-status=\"" +
         escape_html(status) + "\">" +
         cell("repository", "<a href=\"" + escape_html(repository_path(s.repository)) + "\">" +
                                escape_html(s.repository) + "</a>") +
         cell("status", "<span class=\"status " + escape_html(status) + "\">" +
                            escape_html(status) + "</span>") +
         cell("progress", progress_cell(s.total_processed, s.total_expected)) + cell("rate", rate) +
         cell("eta",
              pace.eta_seconds ? format_duration(std::chrono::seconds(*pace.eta_seconds)) : "-") +
         cell("freshness",
              escape_html(age_text(row.last_chunk_at ? row.last_chunk_at : s.updated_at, now))) +
         cell("run", run_cell(row.last_run)) +
         cell("ratelimit",
              row.rate_limit_remaining ? group_thousands(*row.rate_limit_remaining) : "-") +
         cell("error",
              "<span class=\"error\">" + escape_html(s.last_error.value_or("")) + "</span>") +
         "</tr>";
}

}  // namespace

std::string index_page(const store::DashboardSnapshot& snapshot, SystemTime now) {
  std::int64_t processed = 0, expected = 0;
  std::map<std::string, int> by_status;
  std::string rows;
  for (const auto& row : snapshot.rows) {
    processed += row.summary.total_processed;
    expected += row.summary.total_expected.value_or(0);
    ++by_status[store::shown_status(row.summary)];
    rows += row_html(row, now);
  }
  std::string counts;
  for (const auto& [status, n] : by_status) {
    counts += "<span class=\"status " + escape_html(status) + "\">" + escape_html(status) + " " +
              std::to_string(n) + "</span> ";
  }
  std::string runs;
  for (const auto& t : snapshot.runs_by_status) {
    runs += "<li>" + escape_html(t.status) + ": " + group_thousands(t.runs) + " runs, " +
            group_thousands(t.requests) + " requests, " + group_thousands(t.retries) +
            " retries, waited " +
            format_duration(std::chrono::seconds(t.rate_limit_wait_ms / 1000)) +
            " on rate limits</li>";
  }
  const std::string body =
      "<section id=\"totals\" class=\"totals\"><strong id=\"total-repos\">" +
      std::to_string(snapshot.rows.size()) + " repositories</strong> <span id=\"total-scopes\">" +
      (snapshot.scopes.empty() ? "" : std::to_string(snapshot.scopes.size()) + " depth scopes") +
      "</span> <span id=\"total-progress\">" + group_thousands(processed) + " / " +
      group_thousands(expected) + " PRs stored</span> <span id=\"total-status\">" + counts +
      "</span></section>"
      "<section class=\"filters\"><input id=\"filter\" type=\"search\" placeholder=\"filter "
      "repositories\" aria-label=\"filter repositories\"><select id=\"status-filter\" "
      "aria-label=\"status\"><option value=\"\">every status</option><option>in_progress</option>"
      "<option>paused</option><option>failed</option><option>stale</option><option>pending</option>"
      "<option>completed</option></select></section>"
      "<table id=\"backfills\"><thead><tr><th data-sort=\"repository\">repository</th>"
      "<th data-sort=\"status\">status</th><th data-sort=\"progress\">progress</th>"
      "<th data-sort=\"rate\">PRs/min</th><th data-sort=\"eta\">ETA</th>"
      "<th data-sort=\"freshness\">last progress</th><th data-sort=\"run\">last run</th>"
      "<th data-sort=\"ratelimit\">rate limit left</th><th data-sort=\"error\">last error</th>"
      "</tr></thead><tbody>" +
      rows + "</tbody></table>" + scopes_table(snapshot.scopes, now) +
      "<section class=\"runs\"><h2>Runs and rate-limit budget</h2><ul id=\"runs\">" + runs +
      "</ul></section>";
  return page_frame("backfill", body, "index");
}

std::string unavailable_page(const std::string& why) {
  return page_frame(
      "backfill: database unavailable",
      "<section class=\"unavailable\"><h1>The database cannot be read</h1><p id=\"why\">" +
          escape_html(why) +
          "</p><p>This page tries again on its own; nothing is lost.</p></section>",
      "unavailable");
}

std::string not_found_page(const std::string& what) {
  return page_frame(
      "backfill: not found",
      "<section class=\"unavailable\"><h1>Not found</h1><p>" + escape_html(what) + "</p></section>",
      "not-found");
}

}  // namespace backfill::cli::serve
