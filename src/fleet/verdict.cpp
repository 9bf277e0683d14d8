#include "backfill/fleet/verdict.hpp"
#include "backfill/core/text.hpp"

#include <algorithm>

#include "fleet/text_format.hpp"

namespace backfill::fleet {

namespace {

using store::Status;

std::optional<SystemTime> parse_time(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  try {
    return parse_iso8601(*text);
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // unreadable: treated as never recorded
  }
}

std::chrono::seconds since(SystemTime now, SystemTime then) {
  return std::chrono::duration_cast<std::chrono::seconds>(now - then);
}

std::string prs(std::int64_t n) { return group_thousands(n) + (n == 1 ? " PR" : " PRs"); }

// "; 412 PRs to go" or "" when there is no gap (or it is unknown).
std::string to_go(const std::optional<std::int64_t>& gap) {
  return gap && *gap > 0 ? "; " + prs(*gap) + " to go" : "";
}

std::string when_it_may_resume(const store::Progress& p, SystemTime now) {
  const auto resume = parse_time(p.resume_after);
  if (!resume) return "resumes on the next run";
  if (*resume > now) {
    return "may resume after " + *p.resume_after + " (in " + coarse_duration(since(*resume, now)) +
           ")";
  }
  return "may resume now (since " + *p.resume_after + ")";
}

}  // namespace

std::string to_string(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kComplete: return "complete";
    case VerdictKind::kIncomplete: return "incomplete";
    case VerdictKind::kNeverStarted: return "never started";
    case VerdictKind::kStalled: return "stalled";
    case VerdictKind::kPaused: return "paused";
    case VerdictKind::kFailed: return "failed";
    case VerdictKind::kUnknown: return "unknown";
    case VerdictKind::kStale: return "stale";
  }
  return "unknown";
}

std::int64_t stored_pulls(const std::optional<store::Progress>& progress) {
  return progress ? progress->total_processed : 0;
}

namespace {

Verdict judge_state(const VerdictInput& in) {
  const std::int64_t stored = stored_pulls(in.progress);
  Verdict v;
  if (in.github_count) v.gap = std::max<std::int64_t>(0, *in.github_count - stored);

  if (!in.progress || (in.progress->status == Status::kPending && stored == 0)) {
    v.kind = VerdictKind::kNeverStarted;
    v.detail = in.github_count ? "no backfill yet; " + prs(*in.github_count) + " on GitHub"
                               : "no backfill yet";
    return v;
  }
  const store::Progress& p = *in.progress;
  switch (p.status) {
    case Status::kFailed:
      v.kind = VerdictKind::kFailed;
      v.detail = p.last_error.value_or("no error recorded");
      if (p.error_count > 1) v.detail += " (" + std::to_string(p.error_count) + " failures so far)";
      return v;
    case Status::kPaused:
      v.kind = VerdictKind::kPaused;
      v.detail = p.last_error.value_or("no reason recorded") + "; " +
                 when_it_may_resume(p, in.now) + to_go(v.gap);
      return v;
    case Status::kInProgress: {
      const auto last = parse_time(p.updated_at);
      if (!last) {
        v.kind = VerdictKind::kStalled;
        v.detail = "in progress, but no progress time is recorded";
      } else if (since(in.now, *last) >= in.stall_after) {
        v.kind = VerdictKind::kStalled;
        v.detail = "in progress, but no progress for " + coarse_duration(since(in.now, *last)) +
                   " (since " + *p.updated_at + ")" + to_go(v.gap);
      } else {
        v.kind = VerdictKind::kIncomplete;
        v.detail = "in progress, last progress " + coarse_duration(since(in.now, *last)) + " ago" +
                   to_go(v.gap);
      }
      return v;
    }
    case Status::kPending:
      v.kind = VerdictKind::kIncomplete;
      v.detail = "pending, " + prs(stored) + " stored" + to_go(v.gap);
      return v;
    case Status::kCompleted: break;
  }
  if (!in.github_count) {
    v.kind = VerdictKind::kUnknown;
    v.detail = "completed, but GitHub's count is unavailable: " +
               (in.github_error.empty() ? std::string("no reason given") : in.github_error);
    return v;
  }
  const std::string completed_at = p.completed_at ? " at " + *p.completed_at : "";
  if (*v.gap > 0) {
    v.kind = VerdictKind::kIncomplete;
    v.detail = "completed" + completed_at + ", but GitHub has " + prs(*v.gap) + " more now";
    return v;
  }
  v.kind = VerdictKind::kComplete;
  v.detail = "completed" + completed_at;
  if (in.refreshed_at) v.detail += ", refreshed at " + *in.refreshed_at;
  const auto fresh_since = parse_time(in.refreshed_at ? in.refreshed_at : p.completed_at);
  if (fresh_since && since(in.now, *fresh_since) >= in.stale_after) {
    v.kind = VerdictKind::kStale;
    v.detail = (in.refreshed_at ? "completed, last refreshed " + *in.refreshed_at
                                : "completed" + completed_at + ", never refreshed") +
               " (" + coarse_duration(since(in.now, *fresh_since)) +
               " ago); `backfill refresh` brings it up to date";
  }
  if (stored > *in.github_count) {
    v.detail += "; " + prs(stored - *in.github_count) + " deleted on GitHub stay stored";
  }
  return v;
}

}  // namespace

Verdict judge(const VerdictInput& in) {
  Verdict v = judge_state(in);
  // Whatever the state, a person should see why the gap is unknown.
  if (!in.github_count && v.kind != VerdictKind::kUnknown && !in.github_error.empty()) {
    v.detail += "; GitHub's count is unavailable: " + in.github_error;
  }
  return v;
}

}  // namespace backfill::fleet
