#pragma once
// Rendering of `backfill status`: pure functions of the rows.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "backfill/store/store.hpp"

namespace backfill::cli {

// Percent of expected stored, one decimal rounded down, capped at 100 (deleted PRs stay
// stored, so stored can exceed GitHub's current count); empty when unknown.
std::string percent_done(std::int64_t processed, const std::optional<std::int64_t>& expected);
// The same as a number (status --json's percent_done); nullopt while expected is unknown.
std::optional<double> percent_value(std::int64_t processed,
                                    const std::optional<std::int64_t>& expected);
// Pace from the recent chunks: PRs per minute of chunk time, requests per PR,
// and the time left for the PRs still expected at that pace.
struct PaceFigures {
  std::optional<double> prs_per_minute;
  std::optional<double> requests_per_pr;
  std::optional<std::int64_t> eta_seconds;
};
PaceFigures pace_figures(const store::BackfillSummary& row);
std::string status_table(const std::vector<store::BackfillSummary>& rows);
nlohmann::json status_json(const std::vector<store::BackfillSummary>& rows);

}  // namespace backfill::cli
