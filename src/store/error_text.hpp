#pragma once
// Database error text made fit for a log line and for last_error: a
// PostgreSQL error runs on over DETAIL, HINT, CONTEXT and the statement
// itself ("LINE 1: INSERT INTO ..."), none of which tells a person more than
// its first line does.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace backfill::store {

inline constexpr std::size_t kShortErrorLength = 300;

// The first line of `text` with text in it, its surrounding whitespace
// (and runs of it inside) collapsed, cut at `max_length` bytes (on a UTF-8
// character boundary, "..." added) when longer.
std::string short_error(std::string_view text, std::size_t max_length = kShortErrorLength);

// An error message as both engines store it (last_error, backfill_runs.error):
// NUL characters removed, then short_error().
std::optional<std::string> stored_error(const std::optional<std::string>& message);

}  // namespace backfill::store
