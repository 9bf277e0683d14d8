#include "backfill/core/pull_request_depth.hpp"

namespace backfill {

const char* to_string(CommentKind kind) {
  return kind == CommentKind::kReview ? "review" : "issue";
}

}  // namespace backfill
