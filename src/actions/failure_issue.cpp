#include "backfill/actions/failure_issue.hpp"

#include "actions/markdown_text.hpp"

namespace backfill::actions {

namespace {

using namespace detail;

constexpr std::size_t kErrorBytes = 32 * 1024;
constexpr std::size_t kLineBytes = 2 * 1024;
constexpr std::size_t kNameBytes = 300;

std::string line(std::string_view text) { return table_cell(text, kLineBytes); }

std::string run_line(const RunReport& report) {
  return report.run_url ? "Workflow run: " + line(*report.run_url) + "\n" : "";
}

std::string counts(const RunReport& report) {
  std::string text = "- PRs stored: " + group_thousands(report.total_processed) + " of " +
                     group_thousands(report.total_expected) + " expected (" +
                     percent(report.total_processed, report.total_expected) + ")\n";
  text += "- Stored by this run: " + group_thousands(report.stored_this_run) + " in " +
          group_thousands(static_cast<std::int64_t>(report.chunk_durations.size())) + " chunks\n";
  if (report.cursor) text += "- Cursor: " + line(*report.cursor) + "\n";
  text += "- Requests: " + group_thousands(report.requests) +
          ", retries: " + group_thousands(report.retries) +
          ", waited on rate limits: " + human_duration(report.waited) + "\n";
  return text;
}

std::string rate_limit(const RunReport& report) {
  if (!report.rate_limit_remaining) return "- Unknown: no response carried rate-limit headers\n";
  std::string text = "- Remaining: " + group_thousands(*report.rate_limit_remaining);
  if (report.rate_limit_limit) text += " of " + group_thousands(*report.rate_limit_limit);
  text += "\n";
  if (report.rate_limit_reset_epoch)
    text += "- Resets: " + iso_utc(*report.rate_limit_reset_epoch) + "\n";
  return text;
}

std::string error_block(const RunReport& report) {
  return fenced_block(report.error.value_or("(no error message was recorded)"), kErrorBytes);
}

std::string resume(const RunReport& report) {
  if (report.resume_command.empty()) return "";
  return "\n### Resume\n\nOnce the cause is fixed, re-run the workflow for this repository, "
         "or:\n\n" +
         command_block(report.resume_command, kLineBytes);
}

}  // namespace

std::string issue_title(const std::string& repository) {
  return "Backfill failed: " + table_cell(repository, kNameBytes);
}

std::string issue_body(const RunReport& report) {
  std::string md = "The backfill of **" + table_cell(report.repository, kNameBytes) +
                   "** failed (exit code " + std::to_string(report.exit_code) +
                   "). Everything up to the last committed chunk is " +
                   "kept; the next run continues from there.\n\n";
  md += run_line(report);
  md += "\n### Error\n\n" + error_block(report);
  md += "\n### Progress\n\n" + counts(report);
  md += "\n### Rate limit\n\n" + rate_limit(report);
  md += resume(report);
  md +=
      "\nThis issue gets a comment on each further failure, and is closed when a run completes.\n";
  return within_limit(std::move(md), kIssueBodyLimitBytes);
}

std::string repeat_failure_comment(const RunReport& report) {
  std::string md = "Failed again (exit code " + std::to_string(report.exit_code) + ").\n\n";
  md += run_line(report);
  md += "\n" + error_block(report);
  md += "\n" + counts(report);
  md += "\nRate limit:\n" + rate_limit(report);
  md += resume(report);
  return within_limit(std::move(md), kIssueBodyLimitBytes);
}

std::string completion_comment(const RunReport& report) {
  std::string md = "Completed: " + group_thousands(report.total_processed) + " of " +
                   group_thousands(report.total_expected) + " expected PRs stored (" +
                   group_thousands(report.stored_this_run) + " by this run). Closing.\n";
  if (report.run_url) md += "\n" + run_line(report);
  return within_limit(std::move(md), kIssueBodyLimitBytes);
}

}  // namespace backfill::actions
