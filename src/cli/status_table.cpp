#include "backfill/cli/status_table.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "backfill/core/duration.hpp"
#include "backfill/core/text.hpp"

namespace backfill::cli {

// One decimal, rounded down: 99.96% is not done and must not read 100.0%.
std::optional<double> percent_value(std::int64_t processed,
                                    const std::optional<std::int64_t>& expected) {
  if (!expected) return std::nullopt;
  if (*expected <= 0) return 100.0;
  const double pct = 100.0 * static_cast<double>(processed) / static_cast<double>(*expected);
  return std::floor(std::min(100.0, pct) * 10.0) / 10.0;
}

std::string percent_done(std::int64_t processed, const std::optional<std::int64_t>& expected) {
  const auto pct = percent_value(processed, expected);
  if (!pct) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", *pct);
  return buf;
}

PaceFigures pace_figures(const store::BackfillSummary& row) {
  PaceFigures f;
  const auto& p = row.recent;
  if (p.prs <= 0) return f;
  f.requests_per_pr = static_cast<double>(p.requests) / static_cast<double>(p.prs);
  const double minutes = std::chrono::duration<double>(p.busy).count() / 60.0;
  if (minutes <= 0) return f;
  f.prs_per_minute = static_cast<double>(p.prs) / minutes;
  if (row.total_expected && row.status != store::Status::kCompleted && !row.stale) {
    const auto left = std::max<std::int64_t>(0, *row.total_expected - row.total_processed);
    f.eta_seconds = static_cast<std::int64_t>(static_cast<double>(left) / *f.prs_per_minute * 60.0);
  }
  return f;
}

namespace {
std::string fixed(const std::optional<double>& v, const char* format) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, format, *v);
  return buf;
}
}  // namespace

std::string status_table(const std::vector<store::BackfillSummary>& rows) {
  if (rows.empty()) return "no backfills to show\n";
  const std::vector<std::string> header = {"REPOSITORY", "STATUS", "PROCESSED", "EXPECTED", "DONE",
                                           "PRS/MIN",    "REQ/PR", "ETA",       "UPDATED"};
  std::vector<std::vector<std::string>> cells{header};
  for (const auto& r : rows) {
    const auto pace = pace_figures(r);
    cells.push_back(
        {r.repository, store::shown_status(r), group_thousands(r.total_processed),
         r.total_expected ? group_thousands(*r.total_expected) : "?",
         percent_done(r.total_processed, r.total_expected), fixed(pace.prs_per_minute, "%.0f"),
         fixed(pace.requests_per_pr, "%.3f"),
         pace.eta_seconds ? format_duration(std::chrono::seconds(*pace.eta_seconds)) : "-",
         r.updated_at.value_or("")});
  }
  std::string out = aligned_columns(cells);
  for (const auto& r : rows) {
    if (r.status == store::Status::kFailed && r.last_error) {
      out += r.repository + ": last error: " + *r.last_error + "\n";
    }
    if (r.stale) {
      out += r.repository + ": stale: no run holds it (the last one died); run again to resume\n";
    }
    if (r.status == store::Status::kPaused && r.last_error) {
      out += r.repository + ": paused: " + *r.last_error +
             (r.resume_after ? " (may resume after " + *r.resume_after + ")" : "") + "\n";
    }
  }
  return out;
}

nlohmann::json status_json(const std::vector<store::BackfillSummary>& rows) {
  auto list = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json j = {
        {"repository", r.repository},
        {"status", store::shown_status(r)},
        {"total_processed", r.total_processed},
        {"total_expected", r.total_expected ? nlohmann::json(*r.total_expected) : nlohmann::json()},
        {"started_at", r.started_at ? nlohmann::json(*r.started_at) : nlohmann::json()},
        {"updated_at", r.updated_at ? nlohmann::json(*r.updated_at) : nlohmann::json()},
        {"last_error", r.last_error ? nlohmann::json(*r.last_error) : nlohmann::json()}};
    const auto pace = pace_figures(r);
    auto optional_json = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    j["prs_per_minute"] = optional_json(pace.prs_per_minute);
    j["requests_per_pr"] = optional_json(pace.requests_per_pr);
    j["eta_seconds"] = optional_json(pace.eta_seconds);
    j["resume_after"] = optional_json(r.resume_after);
    j["percent_done"] = optional_json(percent_value(r.total_processed, r.total_expected));
    list.push_back(j);
  }
  return list;
}

}  // namespace backfill::cli
