// Depth scopes (--with) on the dashboard's pages (pages.hpp): a scope has
// progress of its own (backfill_scopes) and its own chunks, which cost
// GraphQL points rather than REST requests.
#include <algorithm>

#include "backfill/core/text.hpp"
#include "cli/serve/html_escape.hpp"
#include "cli/serve/json_views.hpp"
#include "cli/serve/page_frame.hpp"
#include "cli/serve/pages.hpp"

namespace backfill::cli::serve {

namespace {

constexpr std::size_t kScopeChunksShown = 30;

std::string cell(const std::string& column, const std::string& html) {
  return "<td data-col=\"" + column + "\">" + html + "</td>";
}

std::string td(const std::string& html) { return "<td>" + html + "</td>"; }

std::string status_span(const std::string& status) {
  return "<span class=\"status " + escape_html(status) + "\">" + escape_html(status) + "</span>";
}

std::string error_span(const std::optional<std::string>& error, const char* none) {
  return "<span class=\"error\">" + escape_html(error.value_or(none)) + "</span>";
}

std::string scope_row_html(const store::ScopeRow& row, SystemTime now) {
  const auto& s = row.summary;
  const std::string status = shown_scope_status(row);
  return "<tr data-repository=\"" + escape_html(s.repository) + "\" data-scope=\"" +
         escape_html(s.scope) + "\" data-status=\"" + escape_html(status) + "\">" +
         cell("repository", "<a href=\"" + escape_html(repository_path(s.repository)) + "\">" +
                                escape_html(s.repository) + "</a>") +
         cell("scope", escape_html(s.scope)) + cell("status", status_span(status)) +
         cell("progress", progress_cell(s.total_processed, s.total_expected)) +
         cell("chunks", group_thousands(s.chunks)) +
         cell("points", group_thousands(s.points_used)) +
         cell("freshness",
              escape_html(age_text(row.last_chunk_at ? row.last_chunk_at : s.updated_at, now))) +
         cell("ratelimit",
              row.rate_limit_remaining ? group_thousands(*row.rate_limit_remaining) : "-") +
         cell("error", error_span(s.last_error, "")) + "</tr>";
}

std::string scope_chunks_table(const store::ScopeRow& scope,
                               const std::vector<store::ChunkRow>& chunks) {
  std::string rows;
  const std::size_t first =
      chunks.size() > kScopeChunksShown ? chunks.size() - kScopeChunksShown : 0;
  for (std::size_t i = chunks.size(); i-- > first;) {
    const auto& c = chunks[i];
    rows += "<tr>" + td(std::to_string(c.chunk_index)) + td(std::to_string(c.pr_count)) +
            td(std::to_string(c.chunk_size)) + td(c.points ? group_thousands(*c.points) : "-") +
            td(std::to_string(c.requests)) + td(std::to_string(c.retries)) +
            td(c.rate_limit_remaining ? group_thousands(*c.rate_limit_remaining) : "-") +
            td(std::to_string(c.duration_ms) + " ms") + td(escape_html(c.ran_at)) + "</tr>";
  }
  return "<table class=\"scope-chunks\" data-scope=\"" + escape_html(scope.summary.scope) +
         "\"><thead><tr><th>chunk</th><th>PRs</th><th>chunk size</th><th>points</th>"
         "<th>requests</th><th>retries</th><th>rate limit left</th><th>duration</th><th>at</th>"
         "</tr></thead><tbody>" +
         rows + "</tbody></table>";
}

}  // namespace

std::string scopes_table(const std::vector<store::ScopeRow>& scopes, SystemTime now) {
  std::string rows;
  for (const auto& scope : scopes) rows += scope_row_html(scope, now);
  // Shown only once a depth scope exists; dashboard.js unhides it live.
  return std::string("<section id=\"scopes-section\" class=\"scopes\"") +
         (scopes.empty() ? " hidden" : "") +
         "><h2>Depth scopes (--with)</h2>"
         "<table id=\"scopes\"><thead><tr><th data-sort=\"repository\">repository</th>"
         "<th data-sort=\"scope\">scope</th><th data-sort=\"status\">status</th>"
         "<th data-sort=\"progress\">progress</th><th data-sort=\"chunks\">chunks</th>"
         "<th data-sort=\"points\">points used</th><th data-sort=\"freshness\">last progress</th>"
         "<th data-sort=\"ratelimit\">rate limit left</th><th data-sort=\"error\">last error</th>"
         "</tr></thead><tbody>" +
         rows + "</tbody></table></section>";
}

std::string scope_sections(const std::vector<store::ScopeRow>& scopes,
                           const store::RepositoryHistory& history, SystemTime now) {
  if (scopes.empty()) return "";
  std::string out =
      "<h2>Depth scopes (--with)</h2><table id=\"repository-scopes\"><thead><tr>"
      "<th>scope</th><th>status</th><th>progress</th><th>chunks</th>"
      "<th>points used</th><th>last progress</th><th>last error</th></tr></thead>"
      "<tbody>";
  for (const auto& row : scopes) {
    const auto& s = row.summary;
    out += "<tr data-scope=\"" + escape_html(s.scope) + "\">" + td(escape_html(s.scope)) +
           td(status_span(shown_scope_status(row))) +
           td(progress_cell(s.total_processed, s.total_expected)) + td(group_thousands(s.chunks)) +
           td(group_thousands(s.points_used)) +
           td(escape_html(age_text(row.last_chunk_at ? row.last_chunk_at : s.updated_at, now))) +
           td(error_span(s.last_error, "-")) + "</tr>";
  }
  out += "</tbody></table>";
  for (const auto& row : scopes) {
    const auto found =
        std::find_if(history.scopes.begin(), history.scopes.end(),
                     [&](const store::ScopeChunks& h) { return h.scope == row.summary.scope; });
    out += "<h3>Latest chunks of " + escape_html(row.summary.scope) + "</h3>" +
           scope_chunks_table(
               row, found == history.scopes.end() ? std::vector<store::ChunkRow>{} : found->chunks);
  }
  return out;
}

}  // namespace backfill::cli::serve
