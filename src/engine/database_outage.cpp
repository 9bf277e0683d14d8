#include "engine/database_outage.hpp"

#include <spdlog/spdlog.h>

#include "backfill/core/redact.hpp"

namespace backfill::engine {

std::string connection_lost_message(const store::ConnectionLost& lost, long chunks_committed,
                                    bool writing_chunk) {
  std::string where;
  if (writing_chunk) {
    where = " at chunk " + std::to_string(chunks_committed + 1) + " of this run";
  } else if (chunks_committed > 0) {
    where = " after chunk " + std::to_string(chunks_committed) + " of this run";
  }
  const std::string kept =
      chunks_committed > 0
          ? "everything up to chunk " + std::to_string(chunks_committed) + " is stored"
          : "nothing was stored by this run, earlier runs' chunks are kept";
  return "lost the connection to " + lost.database() + where + "; " + kept +
         "; run again to resume (" + lost.cause() + ")";
}

bool record_when_database_is_back(const std::string& what, Clock& clock, const CancelToken& cancel,
                                  Duration window, const std::function<void()>& write) {
  const auto give_up = clock.now() + window;
  bool said_waiting = false;
  while (true) {
    try {
      write();
      if (said_waiting) spdlog::info("the database is back: recorded {}", what);
      return true;
    } catch (const store::ConnectionLost& e) {
      if (cancel.stop_requested() || clock.now() + kRecordRetryInterval > give_up) {
        spdlog::error("could not record {}: {}", what, redact(e.what()));
        return false;
      }
      if (!said_waiting) {
        spdlog::warn("waiting up to {} s for {} to come back to record {}",
                     std::chrono::duration_cast<std::chrono::seconds>(window).count(), e.database(),
                     what);
        said_waiting = true;
      }
      if (!clock.sleep_for(kRecordRetryInterval, cancel)) {
        spdlog::error("could not record {}: {}", what, redact(e.what()));
        return false;
      }
    } catch (const std::exception& e) {
      spdlog::error("could not record {}: {}", what, redact(e.what()));
      return false;
    }
  }
}

void record_a_dead_run(store::ProgressStore& store, const std::string& repository_id,
                       const std::optional<store::Progress>& progress, const std::string& now) {
  if (!progress || progress->status != store::Status::kInProgress) return;
  store::RunEnd end;
  end.status = store::Status::kFailed;
  end.error = "the previous run (last progress at " + progress->updated_at.value_or("?") +
              ") ended without recording how: it was killed or lost its database; its "
              "committed chunks are kept";
  end.now = now;
  spdlog::warn("{}", *end.error);
  store.finish_run(repository_id, end);
}

}  // namespace backfill::engine
