// The step summary's chart of progress over the run (step_summary.hpp).
#include <algorithm>

#include "backfill/actions/step_summary.hpp"

namespace backfill::actions {

std::string progress_chart(const RunReport& report) {
  const auto& totals = report.chunk_totals;
  if (totals.empty()) return "";
  // Evenly spaced chunks, the last one always in, so the line ends where
  // the run ended.
  std::vector<std::int64_t> points;
  const std::size_t n = totals.size();
  const std::size_t count = std::min(n, kChartPoints);
  for (std::size_t i = 0; i < count; ++i) {
    points.push_back(totals[count == 1 ? n - 1 : i * (n - 1) / (count - 1)]);
  }
  std::int64_t top = std::max<std::int64_t>(report.total_expected, 1);
  for (auto v : points) top = std::max(top, v);
  std::string line;
  for (auto v : points) line += (line.empty() ? "" : ", ") + std::to_string(v);
  return "\n### Progress over the run\n\n```mermaid\nxychart-beta\n"
         "  x-axis \"chunk of this run\" 1 --> " +
         std::to_string(n) +
         "\n"
         "  y-axis \"PRs stored\" 0 --> " +
         std::to_string(top) +
         "\n"
         "  line [" +
         line + "]\n```\n";
}

}  // namespace backfill::actions
