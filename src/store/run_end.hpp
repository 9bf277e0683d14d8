#pragma once
// How the end of a run changes its backfill_progress row, once for both
// engines: each reads the row (locked, in its write transaction), computes
// the new values here and writes them as they are.
#include <cstdint>
#include <optional>
#include <string>

#include "backfill/store/records.hpp"

namespace backfill::store {

// The backfill_progress columns a run's end writes.
struct RunEndRow {
  Status status = Status::kCompleted;
  std::optional<std::string> last_error;
  std::int64_t error_count = 0;
  std::string updated_at;
  std::optional<std::string> completed_at;
  std::optional<std::string> resume_after;
  std::optional<std::int64_t> total_expected;
};

// Throws std::invalid_argument unless `end` is completed, paused or failed:
// called before anything is written.
void check_run_end(const RunEnd& end);

// The row after `end`, from the row before it (nullopt: none yet).
// failed increments error_count; completed sets completed_at and clears
// last_error; a paused/failed end without a message keeps the previous
// last_error (a new one is stored as store/error_text.hpp stored_error
// makes it); completed_at otherwise stays; resume_after is as given
// (cleared when absent); total_expected replaces the stored one only when
// given.
RunEndRow run_end_row(const std::optional<Progress>& before, const RunEnd& end);

// The RunEnd of a completed listing whose exact count is `exact_total_expected`.
RunEnd completion(std::int64_t exact_total_expected, const std::string& now);

}  // namespace backfill::store
