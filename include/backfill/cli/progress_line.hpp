#pragma once
// The live progress line a run shows on a terminal (stderr is a TTY):
// "octo/repo: 12,300/100,000 PRs (12.3%) · 2,410 PRs/s · ETA 32s · budget 4,870/5,000".
#include <string>

#include "backfill/engine/backfill_run.hpp"

namespace backfill::cli {

// Pure: the text of the line for a snapshot.
std::string progress_line(const engine::ProgressSnapshot& s);

// Rewrites one line of stderr in place, at most every 200 ms of the given
// clock; finish() ends the line so later logs start on a fresh one.
class ProgressLine {
 public:
  explicit ProgressLine(Clock& clock) : clock_(clock) {}
  void update(const engine::ProgressSnapshot& s);
  void finish();

 private:
  Clock& clock_;
  SystemTime last_{};
  bool shown_ = false;
};

}  // namespace backfill::cli
