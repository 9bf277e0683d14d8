#include "backfill/actions/step_summary.hpp"

#include <cmath>

#include "actions/append_file.hpp"
#include "actions/markdown_text.hpp"

namespace backfill::actions {

namespace {

using namespace detail;

// Each free text gets a fixed share, so the whole stays far below 1 MiB
// however large any one of them is.
constexpr std::size_t kErrorBytes = 64 * 1024;
constexpr std::size_t kLineBytes = 2 * 1024;
constexpr std::size_t kNameBytes = 300;

std::string headline(const RunReport& report) {
  if (report.status == "completed") {
    return "Every pull request that existed when the listing reached its end is stored.";
  }
  if (report.status == "paused") {
    return "Stopped early with its progress saved; the next run continues from here.";
  }
  if (report.status == "failed") {
    return "Failed. Everything up to the last committed chunk is kept; the error is below.";
  }
  return "Ended with status " + table_cell(report.status, kNameBytes) + ".";
}

std::string row(const std::string& label, const std::string& value) {
  return "| " + label + " | " + value + " |\n";
}

std::string rate_limit_text(const RunReport& report) {
  if (!report.rate_limit_remaining) return "unknown (no response carried rate-limit headers)";
  std::string text = group_thousands(*report.rate_limit_remaining);
  if (report.rate_limit_limit) text += " of " + group_thousands(*report.rate_limit_limit);
  if (report.rate_limit_reset_epoch) text += ", resets " + iso_utc(*report.rate_limit_reset_epoch);
  return text;
}

std::string chunk_text(const RunReport& report) {
  const auto& durations = report.chunk_durations;
  if (durations.empty()) return "no chunk committed";
  return group_thousands(static_cast<std::int64_t>(durations.size())) +
         (durations.size() == 1 ? " chunk: " : " chunks: ") + min_median_max(durations);
}

}  // namespace

std::string progress_bar(std::int64_t processed, std::int64_t expected) {
  const double done = fraction_done(processed, expected);
  const int filled = static_cast<int>(std::floor(done * kProgressBarWidth));
  std::string bar = "[";
  for (int i = 0; i < kProgressBarWidth; ++i) bar += i < filled ? "\u2588" : "\u2591";
  return bar + "] " + percent(processed, expected);
}

std::string render_summary(const RunReport& report) {
  const std::string repository = table_cell(report.repository, kNameBytes);
  std::string md =
      "## Backfill of " + repository + ": " + table_cell(report.status, kNameBytes) + "\n\n";
  md += headline(report) + "\n\n";

  md += "| Measure | Value |\n|---|---|\n";
  md += row("Repository", repository);
  md += row("Status", table_cell(report.status, kNameBytes) + " (exit code " +
                          std::to_string(report.exit_code) + ")");
  if (report.refresh) md += row("Refresh", table_cell(*report.refresh, kLineBytes));
  if (report.stop_reason) md += row("Stopped because", table_cell(*report.stop_reason, kLineBytes));
  md += row("PRs stored this run", group_thousands(report.stored_this_run));
  md += row("PRs stored in total", group_thousands(report.total_processed) + " of " +
                                       group_thousands(report.total_expected) + " expected");
  md += row("Progress", "`" + progress_bar(report.total_processed, report.total_expected) + "`");
  md += row("Requests used", group_thousands(report.requests));
  md += row("Rate limit left", rate_limit_text(report));
  md += row("Chunk timings", chunk_text(report));
  md += row("Retries", group_thousands(report.retries));
  md += row("Waited on rate limits", human_duration(report.waited));
  if (report.cursor) md += row("Cursor", table_cell(*report.cursor, kLineBytes));
  if (report.run_url) md += row("Workflow run", table_cell(*report.run_url, kLineBytes));

  md += progress_chart(report);
  if (report.error) md += "\n### Error\n\n" + fenced_block(*report.error, kErrorBytes);
  if (report.status != "completed" && !report.resume_command.empty()) {
    md += "\n### Resume\n\n";
    md += report.status == "failed"
              ? "Once the cause is fixed, this continues where the run stopped:\n\n"
              : "Run this (or re-run the workflow) to continue:\n\n";
    md += command_block(report.resume_command, kLineBytes);
  }
  return within_limit(std::move(md), kSummaryLimitBytes);
}

void append_summary(const std::string& path, const std::string& markdown) {
  // A blank line keeps this summary apart from an earlier step's.
  detail::append_to_file(path, markdown + "\n", "GITHUB_STEP_SUMMARY");
}

}  // namespace backfill::actions
