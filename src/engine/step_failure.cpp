#include "engine/step_failure.hpp"

#include <exception>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/store/errors.hpp"
#include "engine/database_outage.hpp"

namespace backfill::engine {

StepFailure current_step_failure(long chunks_committed, bool writing_chunk) {
  StepFailure f;
  try {
    throw;
  } catch (const Cancelled&) {
    f.paused = true;
    f.pause = PauseKind::kSignal;
    f.reason = "interrupted by a stop signal";
  } catch (const PauseRequired& p) {
    f.paused = true;
    f.pause = PauseKind::kRateLimitWait;
    f.reason = p.what();
    f.resume_at = p.resume_at();
  } catch (const github::GitHubError& e) {
    f.error_kind = e.kind();
    f.reason = e.what();
  } catch (const store::ConnectionLost& e) {
    f.database_lost = true;
    f.reason = connection_lost_message(e, chunks_committed, writing_chunk);
  } catch (const std::exception& e) {
    f.reason = e.what();
  }
  f.reason = redact(f.reason);
  return f;
}

}  // namespace backfill::engine
