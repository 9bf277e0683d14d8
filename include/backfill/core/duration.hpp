#pragma once
#include <chrono>
#include <string>

namespace backfill {

// Parses "90s", "45m", "5h45m", "1h2m3s", or a bare number of seconds.
// Throws UsageError naming the text when it is not a positive duration.
std::chrono::seconds parse_duration(const std::string& text);
// "1h02m03s"-style rendering for messages and summaries.
std::string format_duration(std::chrono::seconds d);

}  // namespace backfill
