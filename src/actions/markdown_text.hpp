#pragma once
// Text pieces shared by the step summary and the failure issue: numbers and
// durations for people, and untrusted text (errors) made safe to publish
// inside a size limit.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <string_view>
#include <vector>
#include "backfill/core/text.hpp"

namespace backfill::actions::detail {

// Replaces bytes that are not valid UTF-8 with U+FFFD and drops NULs, so a
// garbled error cannot make GitHub reject the whole document.
std::string valid_utf8(std::string_view text);
// The longest prefix of at most `max_bytes` bytes that ends on a character
// boundary (`text` must be valid UTF-8).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// A ```text fenced block of at most `max_bytes` of `text` (backticks become
// ' so the text cannot close the fence), followed by a note when it was cut.
std::string fenced_block(std::string_view text, std::size_t max_bytes);
// A ```sh block for a command to copy.
std::string command_block(std::string_view command, std::size_t max_bytes);
// One line, '|' escaped, at most `max_bytes`: safe inside a table cell.
std::string table_cell(std::string_view text, std::size_t max_bytes);

// "412 ms", "3.2 s", "1m05s", "2h03m00s".
std::string human_duration(std::chrono::milliseconds d);
// "min 412 ms, median 620 ms, max 3.2 s" of a non-empty list.
std::string min_median_max(std::vector<std::chrono::milliseconds> durations);
// "2024-05-01T12:34:56Z".
std::string iso_utc(std::int64_t epoch_seconds);
// "43.7%", rounded down; nothing expected and nothing missing is "100.0%".
std::string percent(std::int64_t processed, std::int64_t expected);
// The fraction done, 0..1, on the same rule as percent().
double fraction_done(std::int64_t processed, std::int64_t expected);

// The last guard of a document's size: cuts at a character boundary and
// says so, so that the total stays within `limit` bytes.
std::string within_limit(std::string document, std::size_t limit);

}  // namespace backfill::actions::detail
