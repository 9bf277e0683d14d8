#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace backfill {

// The longest duration any setting takes (time budgets, --stall-after,
// --inline-budget): 30 days. No backfill budget or stall window makes sense
// beyond it, and it keeps every deadline computed from "now" far from the
// clock's range.
inline constexpr std::chrono::seconds kMaxDuration{30 * 24 * 3600};

// Parses "90s", "45m", "5h45m", "1h2m3s", or a bare number of seconds, with
// any number of digits: nothing overflows. Throws UsageError naming the text
// (shortened when long) when it is not a positive duration or exceeds
// kMaxDuration.
std::chrono::seconds parse_duration(const std::string& text);
// The same, the message starting with the setting as the user gave it
// ("--time-budget: ...", "inputs.time_budget: ...").
std::chrono::seconds parse_setting_duration(std::string_view setting, const std::string& text);
// "1h02m03s"-style rendering for messages and summaries.
std::string format_duration(std::chrono::seconds d);

}  // namespace backfill
