// `/repos/OWNER/NAME` (pages.hpp): one repository's history.
#include <algorithm>

#include "backfill/cli/status_table.hpp"
#include "backfill/core/duration.hpp"
#include "backfill/core/text.hpp"
#include "cli/serve/chart_svg.hpp"
#include "cli/serve/html_escape.hpp"
#include "cli/serve/json_views.hpp"
#include "cli/serve/page_frame.hpp"
#include "cli/serve/pages.hpp"

namespace backfill::cli::serve {

namespace {

constexpr std::size_t kChunksShown = 30;

std::string td(const std::string& html) { return "<td>" + html + "</td>"; }

std::string chunks_table(const std::vector<store::ChunkRow>& chunks) {
  std::string rows;
  const std::size_t first = chunks.size() > kChunksShown ? chunks.size() - kChunksShown : 0;
  for (std::size_t i = chunks.size(); i-- > first;) {
    const auto& c = chunks[i];
    rows += "<tr>" + td(std::to_string(c.chunk_index)) + td(std::to_string(c.pr_count)) +
            td(std::to_string(c.chunk_size)) + td(std::to_string(c.requests)) +
            td(std::to_string(c.retries)) +
            td(c.rate_limit_remaining ? group_thousands(*c.rate_limit_remaining) : "-") +
            td(std::to_string(c.duration_ms) + " ms") + td(escape_html(c.ran_at)) + "</tr>";
  }
  return "<table id=\"chunks\"><thead><tr><th>chunk</th><th>PRs</th><th>chunk size</th>"
         "<th>requests</th><th>retries</th><th>rate limit left</th><th>duration</th><th>at</th>"
         "</tr></thead><tbody>" +
         rows + "</tbody></table>";
}

std::string runs_table(const std::vector<store::RunRow>& runs) {
  std::string rows;
  for (const auto& r : runs) {
    rows += "<tr>" + td(escape_html(r.started_at)) + td(escape_html(r.ended_at.value_or("-"))) +
            td(run_cell(r)) + td(group_thousands(r.prs_stored)) + td(group_thousands(r.requests)) +
            td(group_thousands(r.retries)) +
            td(format_duration(std::chrono::seconds(r.rate_limit_wait_ms / 1000))) +
            td("<span class=\"error\">" + escape_html(r.error.value_or("")) + "</span>") + "</tr>";
  }
  return "<table id=\"runs\"><thead><tr><th>started</th><th>ended</th><th>run</th>"
         "<th>PRs stored</th><th>requests</th><th>retries</th><th>rate-limit wait</th>"
         "<th>error</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
}

}  // namespace

std::string repository_page(const store::DashboardRow& row,
                            const std::vector<store::ScopeRow>& scopes,
                            const store::RepositoryHistory& history, SystemTime now,
                            bool fragment) {
  const auto& s = row.summary;
  const std::string status = store::shown_status(s);
  const auto pace = pace_figures(s);
  std::string facts =
      "<dl class=\"facts\"><dt>status</dt><dd><span class=\"status " + escape_html(status) + "\">" +
      escape_html(status) + "</span></dd>" + "<dt>progress</dt><dd>" +
      progress_cell(s.total_processed, s.total_expected) +
      "</dd><dt>cursor</dt><dd id=\"cursor\">" + escape_html(cursor_in_words(row.cursor)) +
      "</dd><dt>ETA</dt><dd>" +
      (pace.eta_seconds ? format_duration(std::chrono::seconds(*pace.eta_seconds)) : "-") +
      "</dd><dt>last progress</dt><dd>" +
      escape_html(age_text(row.last_chunk_at ? row.last_chunk_at : s.updated_at, now)) +
      "</dd><dt>last error</dt><dd class=\"error\">" + escape_html(s.last_error.value_or("-")) +
      "</dd></dl>";
  const std::string content =
      "<div id=\"content\"><h1>" + escape_html(s.repository) + "</h1>" + facts +
      "<h2>Stored pull requests over time</h2>" +
      stored_chart_svg(stored_over_time(s.total_processed, history.chunks), s.total_expected) +
      "<h2>Latest chunks</h2>" + chunks_table(history.chunks) +
      scope_sections(scopes, history, now) + "<h2>Runs</h2>" + runs_table(history.runs) + "</div>";
  if (fragment) return content;
  return page_frame(s.repository + " · backfill", content, "repository");
}

}  // namespace backfill::cli::serve
