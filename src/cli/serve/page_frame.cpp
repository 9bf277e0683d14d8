#include "cli/serve/page_frame.hpp"

#include <algorithm>

#include "backfill/cli/status_table.hpp"
#include "backfill/core/duration.hpp"
#include "backfill/core/text.hpp"
#include "cli/serve/html_escape.hpp"

namespace backfill::cli::serve {

std::string page_frame(const std::string& title, const std::string& body, const std::string& page) {
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" +
         escape_html(title) +
         "</title>"
         // No icon to fetch: the browser would ask for /favicon.ico otherwise.
         "<link rel=\"icon\" href=\"data:,\">"
         "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">"
         "<script src=\"/assets/dashboard.js\" defer></script></head>"
         "<body data-page=\"" +
         escape_html(page) +
         "\"><header><a href=\"/\">backfill</a>"
         "<span id=\"live\" class=\"live\">connecting…</span></header><main>" +
         body + "</main></body></html>";
}

std::string age_text(const std::optional<std::string>& at, SystemTime now) {
  if (!at) return "-";
  try {
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - parse_iso8601(*at));
    return format_duration(std::max(age, std::chrono::seconds(0))) + " ago";
  } catch (const std::exception&) {
    return "-";
  }
}

std::string progress_cell(std::int64_t processed, const std::optional<std::int64_t>& expected) {
  const std::string pct = percent_done(processed, expected);
  const std::string width = pct.empty() ? "0%" : pct;
  return "<div class=\"bar\"><div class=\"fill\" style=\"width:" + escape_html(width) +
         "\"></div></div><span class=\"count\">" + group_thousands(processed) + " / " +
         (expected ? group_thousands(*expected) : "?") + (pct.empty() ? "" : " (" + pct + ")") +
         "</span>";
}

std::string run_cell(const std::optional<store::RunRow>& run) {
  if (!run) return "-";
  std::string text = escape_html(run->trigger);
  // Only a web address becomes a link: a javascript: URL in the database
  // would otherwise run on a click.
  if (run->run_url &&
      (run->run_url->rfind("https://", 0) == 0 || run->run_url->rfind("http://", 0) == 0)) {
    text = "<a href=\"" + escape_html(*run->run_url) + "\" rel=\"noopener\">" + text + "</a>";
  }
  const std::string status = run->status ? *run->status : "running";
  text += " · " + escape_html(status);
  if (run->exit_code) text += " (exit " + std::to_string(*run->exit_code) + ")";
  return text;
}

}  // namespace backfill::cli::serve
