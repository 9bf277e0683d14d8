#pragma once
// The chart of stored PRs over time on /repos/OWNER/NAME, as inline SVG
// (pure; no script, no external file): a line of the stored count at each
// chunk against time, up to GitHub's expected count when known.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/serve/progress_history.hpp"

namespace backfill::cli::serve {

// An SVG element; a short note instead of a line when there is no chunk yet.
std::string stored_chart_svg(const std::vector<StoredPoint>& points,
                             const std::optional<std::int64_t>& expected);

}  // namespace backfill::cli::serve
