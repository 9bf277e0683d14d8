#pragma once
// The Markdown summary of a run, appended to $GITHUB_STEP_SUMMARY, and the
// report it (and the failure issue) are drawn from.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace backfill::actions {

// Everything the summary and the failure issue say about one run. Plain data
// the CLI fills from the engine's outcome; every text in it must already be
// redacted (backfill::redact): these renderers publish it as given.
struct RunReport {
  std::string repository;  // "owner/name"
  std::string status;      // "completed", "paused" or "failed" (other words are shown as given)
  int exit_code = 0;
  std::int64_t stored_this_run = 0;
  std::int64_t total_processed = 0;
  std::int64_t total_expected = 0;
  std::int64_t requests = 0;
  long retries = 0;
  std::chrono::milliseconds waited{0};  // time spent waiting on rate limits
  std::optional<std::int64_t> rate_limit_remaining;
  std::optional<std::int64_t> rate_limit_limit;
  std::optional<std::int64_t> rate_limit_reset_epoch;      // seconds since the Unix epoch
  std::vector<std::chrono::milliseconds> chunk_durations;  // this run's, in order
  std::vector<std::int64_t> chunk_totals;                  // PRs stored in total after each of them
  std::optional<std::string> stop_reason;  // why it paused ("time budget reached", ...)
  std::optional<std::string> error;        // why it failed
  std::optional<std::string> cursor;       // where it stands, for people ("page 12, after #1234")
  std::string resume_command;              // actions::resume_command(...)
  std::optional<std::string> run_url;
  // A refresh's result ("unchanged (304 Not Modified), 1 request, 0 rate-limit
  // points" or "12 PRs changed, ..."); nullopt for a backfill.
  std::optional<std::string> refresh;
};

// GitHub rejects a step summary over 1 MiB; render_summary stays below it.
inline constexpr std::size_t kSummaryLimitBytes = 1024 * 1024;
inline constexpr int kProgressBarWidth = 30;

// "[█████████████░░░░░░░░░░░░░░░░░] 43.7%": kProgressBarWidth cells. The
// percentage is rounded down (99.99% never shows as 100.0%); nothing expected
// and nothing missing is 100%.
std::string progress_bar(std::int64_t processed, std::int64_t expected);

// Pure. Repository, status, PRs stored this run and in total against
// expected with a progress bar, requests, rate limit left and its reset
// (ISO-8601 UTC), chunk timings min/median/max, retries and waits; when it
// did not complete, the reason or the error (fenced, backticks neutralised,
// cut with a note past 64 KiB) and the command to resume. Always under
// kSummaryLimitBytes.
std::string render_summary(const RunReport& report);

// A Mermaid xychart (GitHub renders it) of PRs stored in total after each
// chunk of the run, at most kChartPoints points (evenly sampled, the last
// chunk always in); empty when the run committed no chunk. Pure.
inline constexpr std::size_t kChartPoints = 60;
std::string progress_chart(const RunReport& report);

// Appends to the file (GITHUB_STEP_SUMMARY collects every step's summary).
// Throws FatalError naming the file when it cannot be written.
void append_summary(const std::string& path, const std::string& markdown);

}  // namespace backfill::actions
