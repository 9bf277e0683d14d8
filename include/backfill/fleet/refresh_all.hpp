#pragma once
// `backfill refresh --all`: an incremental refresh (engine/refresh_run.hpp)
// of every tracked repository whose backfill is completed, one after the
// other, each holding its repository's lock for its own walk only.
// Repositories whose backfill is not completed are not refreshed (a
// refresh needs a completed backfill; `backfill work` or `backfill --repo`
// resumes them): each gets a line saying so.
//
// stdout: one JSON line per repository (a refresh's result line, or
// {"repository", "refresh": "refused" | "busy", "reason"}), then
// {"summary": {repositories, unchanged, changed, changed_prs, refused,
// busy, paused, failed, requests, rate_limit_points, exit_code}}.
//
// Exit code: 1 when any refresh failed; else 75 when any paused (signal,
// time budget, a rate-limit wait) or another run held a repository; else
// 0, refused repositories included (they are not this command's work).
#include <chrono>
#include <iosfwd>
#include <optional>

#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/fleet/fleet_settings.hpp"

namespace backfill::fleet {

int refresh_all(const FleetSettings& settings, std::optional<std::chrono::seconds> time_budget,
                std::ostream& out, Clock& clock, const CancelToken& cancel);

}  // namespace backfill::fleet
