#pragma once
// What a run says and does when its database goes away: a message a person
// can act on, and the end state recorded once the database is back (the
// store connects again on each call), so that a run that lost its database
// does not stay `in_progress` for ever. A run that died without recording
// anything (killed, or the database never came back in time) is recorded
// as failed by the next run of the repository, which holds its lock.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/store/backfill_store.hpp"
#include "backfill/store/errors.hpp"
#include "backfill/store/records.hpp"

namespace backfill::engine {

inline constexpr Duration kRecordRetryWindow = std::chrono::seconds(60);
inline constexpr Duration kRecordRetryInterval = std::chrono::seconds(1);

// "lost the connection to PostgreSQL at chunk 31 of this run; everything up
// to chunk 30 is stored; run again to resume (<cause>)". `chunks_committed`
// by this run; `writing_chunk`: the loss came while writing the next one.
std::string connection_lost_message(const store::ConnectionLost& lost, long chunks_committed,
                                    bool writing_chunk);

// Runs `write`; while it throws store::ConnectionLost, runs it again every
// kRecordRetryInterval (on `clock`) until it succeeds, `window` has passed,
// or a stop request. Returns whether it succeeded; every failure is logged
// as "could not record <what>", never thrown.
bool record_when_database_is_back(const std::string& what, Clock& clock, const CancelToken& cancel,
                                  Duration window, const std::function<void()>& write);

// Called by a run holding the repository's lock with the progress it read:
// when that says a run is under way, the run that left it died before
// recording how it ended, and is recorded now as failed.
void record_a_dead_run(store::ProgressStore& store, const std::string& repository_id,
                       const std::optional<store::Progress>& progress, const std::string& now);

}  // namespace backfill::engine
