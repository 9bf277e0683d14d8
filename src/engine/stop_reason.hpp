#pragma once
// Whether a run stops before its next chunk (a page, for a depth pass), and
// why: a stop signal, --max-chunks reached, or a time budget the next chunk
// could not fit in (the slowest recent chunk is the estimate). Pure logic.
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/engine/backfill_run.hpp"

namespace backfill::engine {

// Whether the run stops once `pending` chunks, handed to the store and not
// yet counted, are committed: what a pass (list, depth, review comments)
// asks of the run around it.
using StopCheck = std::function<std::optional<std::pair<PauseKind, std::string>>(long pending)>;

std::optional<std::pair<PauseKind, std::string>> stop_reason(
    const RunParams& params, const CancelToken& cancel, long chunks_committed,
    const std::deque<Duration>& recent_chunk_durations, SystemTime now, SystemTime started);

}  // namespace backfill::engine
