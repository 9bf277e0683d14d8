#include "store/run_end.hpp"

#include <stdexcept>

#include "store/error_text.hpp"

namespace backfill::store {

void check_run_end(const RunEnd& end) {
  if (end.status == Status::kPending || end.status == Status::kInProgress) {
    throw std::invalid_argument("finish_run: a run cannot end as " + to_string(end.status));
  }
}

RunEndRow run_end_row(const std::optional<Progress>& before, const RunEnd& end) {
  check_run_end(end);
  RunEndRow row;
  row.status = end.status;
  row.updated_at = end.now;
  row.resume_after = end.resume_after;
  row.error_count = (before ? before->error_count : 0) + (end.status == Status::kFailed ? 1 : 0);
  row.total_expected =
      end.total_expected ? end.total_expected : (before ? before->total_expected : std::nullopt);
  if (end.status == Status::kCompleted) {
    row.completed_at = end.now;
    row.last_error = std::nullopt;
  } else {
    row.completed_at = before ? before->completed_at : std::nullopt;
    row.last_error = end.error ? stored_error(end.error)
                     : before  ? before->last_error
                               : std::nullopt;
  }
  return row;
}

RunEnd completion(std::int64_t exact_total_expected, const std::string& now) {
  RunEnd end;
  end.status = Status::kCompleted;
  end.total_expected = exact_total_expected;
  end.now = now;
  return end;
}

}  // namespace backfill::store
