#pragma once
// What ends a run when one of its steps throws: the one mapping of what a
// backfill or a refresh can meet (a stop signal, a rate-limit wait it cannot
// hold, GitHub's errors, a lost database, anything else) to a paused or
// failed run, so that both kinds of run end alike.
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/engine/backfill_run.hpp"
#include "backfill/github/client.hpp"

namespace backfill::engine {

struct StepFailure {
  bool paused = false;  // else failed
  PauseKind pause = PauseKind::kNone;
  std::string reason;                           // redacted
  std::optional<SystemTime> resume_at;          // a rate-limit wait to resume after
  std::optional<github::ErrorKind> error_kind;  // GitHub's errors
  bool database_lost = false;                   // the end is recorded once the database is back
};

// Call inside a catch block: the exception being handled, for a run that
// committed `chunks_committed` chunks and was `writing_chunk` or not.
// Rethrows what is not a std::exception.
StepFailure current_step_failure(long chunks_committed, bool writing_chunk);

}  // namespace backfill::engine
