#include "backfill/cli/status_table.hpp"

#include <algorithm>
#include <cstdio>

namespace backfill::cli {

std::string percent_done(std::int64_t processed, const std::optional<std::int64_t>& expected) {
  if (!expected) return "";
  if (*expected <= 0) return "100.0%";
  double pct = std::min(100.0, 100.0 * static_cast<double>(processed) / static_cast<double>(*expected));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", pct);
  return buf;
}

std::string status_table(const std::vector<store::BackfillSummary>& rows) {
  if (rows.empty()) return "no backfills to show\n";
  const std::vector<std::string> header = {"REPOSITORY", "STATUS", "PROCESSED", "EXPECTED", "DONE", "UPDATED"};
  std::vector<std::vector<std::string>> cells{header};
  for (const auto& r : rows) {
    cells.push_back({r.repository, store::to_string(r.status), std::to_string(r.total_processed),
                     r.total_expected ? std::to_string(*r.total_expected) : "?",
                     percent_done(r.total_processed, r.total_expected), r.updated_at.value_or("")});
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : cells)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  std::string out;
  for (const auto& row : cells) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
    }
    out += line + "\n";
  }
  for (const auto& r : rows) {
    if (r.status == store::Status::kFailed && r.last_error) {
      out += r.repository + ": last error: " + *r.last_error + "\n";
    }
  }
  return out;
}

nlohmann::json status_json(const std::vector<store::BackfillSummary>& rows) {
  auto list = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json j = {{"repository", r.repository},
                        {"status", store::to_string(r.status)},
                        {"total_processed", r.total_processed},
                        {"total_expected", r.total_expected ? nlohmann::json(*r.total_expected) : nlohmann::json()},
                        {"started_at", r.started_at ? nlohmann::json(*r.started_at) : nlohmann::json()},
                        {"updated_at", r.updated_at ? nlohmann::json(*r.updated_at) : nlohmann::json()},
                        {"last_error", r.last_error ? nlohmann::json(*r.last_error) : nlohmann::json()}};
    auto pct = percent_done(r.total_processed, r.total_expected);
    j["percent_done"] = pct.empty() ? nlohmann::json() : nlohmann::json(std::stod(pct));
    list.push_back(j);
  }
  return list;
}

}  // namespace backfill::cli
