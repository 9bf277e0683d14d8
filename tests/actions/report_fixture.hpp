#pragma once
// A typical paused run, for the summary and failure-issue tests to vary.
#include "backfill/actions/step_summary.hpp"

namespace backfill::actions::testing {

inline RunReport paused_report() {
  using std::chrono::milliseconds;
  RunReport report;
  report.repository = "octocat/Hello-World";
  report.status = "paused";
  report.exit_code = 75;
  report.stored_this_run = 1250;
  report.total_processed = 4370;
  report.total_expected = 10000;
  report.requests = 57;
  report.retries = 2;
  report.waited = milliseconds(65'000);
  report.rate_limit_remaining = 4900;
  report.rate_limit_limit = 5000;
  report.rate_limit_reset_epoch = 1714566896;  // 2024-05-01T12:34:56Z
  report.chunk_durations = {milliseconds(620), milliseconds(412), milliseconds(3200),
                            milliseconds(700)};
  report.stop_reason = "time budget reached";
  report.cursor = "page 44, after PR #4402 (created 2024-04-30T10:00:00Z)";
  report.resume_command = "backfill --repo octocat/Hello-World --chunk-size 25";
  report.run_url = "https://github.com/acme/ops/actions/runs/42";
  return report;
}

inline RunReport failed_report(std::string error) {
  RunReport report = paused_report();
  report.status = "failed";
  report.exit_code = 1;
  report.stop_reason.reset();
  report.error = std::move(error);
  return report;
}

}  // namespace backfill::actions::testing
