#pragma once
// Whether a run stops before its next chunk (a page, for a depth pass), and
// why: a stop signal, --max-chunks reached, or a time budget the next chunk
// could not fit in (the slowest recent chunk is the estimate). Pure logic.
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/engine/backfill_run.hpp"

namespace backfill::engine {

std::optional<std::pair<PauseKind, std::string>> stop_reason(
    const RunParams& params, const CancelToken& cancel, long chunks_committed,
    const std::deque<Duration>& recent_chunk_durations, SystemTime now, SystemTime started);

}  // namespace backfill::engine
