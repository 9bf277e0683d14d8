#include "backfill/fleet/schedule.hpp"

#include <algorithm>

#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"

namespace backfill::fleet {

std::string to_string(ScheduleAction action) {
  switch (action) {
    case ScheduleAction::kDispatch: return "dispatch";
    case ScheduleAction::kInline: return "inline";
    case ScheduleAction::kSkip: return "skip";
    case ScheduleAction::kRefresh: return "refresh";
  }
  return "skip";
}

long resolve_max_dispatch(std::optional<long> flag, const EnvLookup& env) {
  if (flag) {
    if (*flag < 0)
      throw UsageError("--max-dispatch must be 0 or more, got " + std::to_string(*flag));
    return *flag;
  }
  if (auto text = env(kMaxDispatchEnv)) {
    try {
      std::size_t used = 0;
      const long value = std::stol(*text, &used);
      if (used == text->size() && value >= 0) return value;
    } catch (const std::exception&) {
    }
    throw UsageError(std::string(kMaxDispatchEnv) + " must be a whole number 0 or more, got '" +
                     *text + "'");
  }
  return kDefaultMaxDispatch;
}

namespace {

std::optional<SystemTime> time_of(const std::optional<std::string>& iso) {
  if (!iso) return std::nullopt;
  try {
    return parse_iso8601(*iso);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

std::string ago(SystemTime then, SystemTime now) {
  return format_duration(std::chrono::duration_cast<std::chrono::seconds>(now - then)) + " ago";
}

// Why a repository that is not complete is nevertheless left alone now.
std::optional<std::string> reason_to_wait(const ScheduleCandidate& c, const ScheduleSettings& s,
                                          SystemTime now) {
  if (c.verdict.kind == VerdictKind::kUnknown)
    return "GitHub's count is unknown: " + c.verdict.detail;
  const auto& p = c.progress;
  if (p && p->status == store::Status::kInProgress && c.verdict.kind != VerdictKind::kStalled) {
    return "running (last progress " + p->updated_at.value_or("?") + ")";
  }
  if (auto resume = time_of(p ? p->resume_after : std::nullopt); resume && *resume > now) {
    return "waiting for the rate-limit reset until " + format_iso8601(*resume);
  }
  if (auto dispatched = time_of(c.dispatched_at)) {
    const auto progressed = time_of(p ? p->updated_at : std::nullopt);
    const bool started_since = progressed && *progressed >= *dispatched;
    if (!started_since && now - *dispatched < s.stall_after) {
      return "dispatched " + ago(*dispatched, now) + ", not started yet";
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<ScheduleDecision> plan_schedule(std::vector<ScheduleCandidate> candidates,
                                            const ScheduleSettings& settings, SystemTime now) {
  // Stale ones are complete too: a refresh, not a backfill, is their due
  // (scheduler.cpp runs refreshes after the backfills).
  std::erase_if(candidates, [](const auto& c) {
    return c.verdict.kind == VerdictKind::kComplete || c.verdict.kind == VerdictKind::kStale;
  });
  // Oldest progress first; never started (no progress) before everything.
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    const auto key = [](const ScheduleCandidate& c) {
      return c.progress ? c.progress->updated_at.value_or("") : std::string();
    };
    return key(a) < key(b);
  });

  std::vector<ScheduleDecision> plan;
  long dispatches = 0;
  for (const auto& c : candidates) {
    ScheduleDecision d{c.repository, ScheduleAction::kSkip, ""};
    if (auto wait = reason_to_wait(c, settings, now)) {
      d.reason = *wait;
    } else {
      const auto decision = route(c.repository.name, c.github_count.value_or(0), settings.route);
      const bool to_actions = c.prefer_actions || decision.target == RouteTarget::kActions;
      d.reason = c.prefer_actions ? "actions (its inline run did not finish in the inline budget)"
                                  : describe(decision);
      if (!to_actions) {
        d.action = ScheduleAction::kInline;
      } else if (dispatches < settings.max_dispatch) {
        d.action = ScheduleAction::kDispatch;
        ++dispatches;
      } else {
        d.reason +=
            "; over --max-dispatch " + std::to_string(settings.max_dispatch) + ", next pass";
      }
    }
    plan.push_back(std::move(d));
  }
  return plan;
}

}  // namespace backfill::fleet
