#include <stdexcept>

#include "backfill/store/store.hpp"

namespace backfill::store {

std::string to_string(Status s) {
  switch (s) {
    case Status::kPending: return "pending";
    case Status::kInProgress: return "in_progress";
    case Status::kPaused: return "paused";
    case Status::kCompleted: return "completed";
    case Status::kFailed: return "failed";
  }
  throw std::invalid_argument("unknown backfill status");
}

Status status_from_string(const std::string& s) {
  for (Status candidate : {Status::kPending, Status::kInProgress, Status::kPaused,
                           Status::kCompleted, Status::kFailed}) {
    if (to_string(candidate) == s) return candidate;
  }
  throw std::invalid_argument("unknown backfill status: \"" + s + "\"");
}

std::string shown_status(const BackfillSummary& row) {
  return row.stale ? "stale" : to_string(row.status);
}

}  // namespace backfill::store
