#include "backfill/engine/request_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/budget.hpp"

namespace backfill::engine {

using github::ErrorKind;
using github::GitHubError;

RequestRunner::RequestRunner(RunnerParams params, Clock& clock, const CancelToken& cancel,
                             std::function<double()> uniform01)
    : params_(std::move(params)),
      clock_(clock),
      cancel_(cancel),
      uniform01_(std::move(uniform01)) {}

RequestRunner::~RequestRunner() {
  if (params_.shared_budget) params_.shared_budget->forget(this);
  if (params_.shared_graphql_budget) params_.shared_graphql_budget->forget(this);
}

void RequestRunner::set_requests_needed(std::int64_t n) {
  requests_needed_ = n;
  if (params_.shared_budget) params_.shared_budget->set_requests_needed(this, n);
}

namespace {
// GitHub's clock and ours may disagree a little: a reset an hour away by
// theirs may be a few seconds more by ours.
constexpr Duration kClockSkewAllowance = std::chrono::minutes(1);
}  // namespace

void RequestRunner::wait_until(SystemTime until, const std::string& reason, bool quiet) {
  if (cancel_.stop_requested()) throw Cancelled();
  const auto start = clock_.now();
  const Duration max_wait = params_.policy.max_wait;
  if (until - start > max_wait + kClockSkewAllowance) {
    // Nothing GitHub means lasts longer than its hourly window: pause, and
    // let the next run look again within the hour rather than at a date
    // that may be absurd.
    throw PauseRequired(
        reason + "; waiting until " + format_iso8601(until) + " is longer than the " +
            format_duration(std::chrono::duration_cast<std::chrono::seconds>(max_wait)) +
            " cap on any wait",
        start + max_wait);
  }
  if (params_.deadline && until > *params_.deadline) {
    throw PauseRequired(
        reason + "; resuming needs until " + format_iso8601(until) + ", past the time budget",
        until);
  }
  if (until <= start) return;
  if (quiet) {
    spdlog::debug("{}: waiting until {}", reason, format_iso8601(until));
  } else {
    spdlog::warn("{}: waiting until {}", reason, format_iso8601(until));
  }
  const bool finished = clock_.sleep_until(until, cancel_);
  stats_.waited += std::chrono::duration_cast<Duration>(clock_.now() - start);
  if (!finished) throw Cancelled();
}

void RequestRunner::wait_for_reset(SystemTime until, const std::string& reason) {
  if (params_.pause_for_reset && until > clock_.now()) {
    throw PauseRequired(reason + "; pausing until the reset " + format_iso8601(until) +
                            " so that other work goes on meanwhile",
                        until);
  }
  wait_until(until, reason);
}

BudgetTicket RequestRunner::respect_budget(const github::RateLimitSnapshot& rate) {
  if (cancel_.stop_requested()) throw Cancelled();
  SharedBudget* shared =
      rate.resource == "graphql" ? params_.shared_graphql_budget : params_.shared_budget;
  if (shared) return respect_shared_budget(*shared, rate);
  respect_own_budget(rate);
  return BudgetTicket();
}

BudgetTicket RequestRunner::respect_shared_budget(SharedBudget& shared,
                                                  const github::RateLimitSnapshot& rate) {
  shared.offer(rate);  // what this client saw last; pooled already unless set by hand
  shared.set_requests_needed(this, requests_needed_);
  while (true) {
    const auto admission = shared.admit(clock_.now(), params_.min_remaining, params_.deadline);
    if (admission.verdict == SharedBudget::Verdict::kWaitForReset) {
      wait_for_reset(admission.until, "rate limit: " + std::to_string(admission.remaining) +
                                          " requests left for every worker, reserve is " +
                                          std::to_string(admission.reserve));
      continue;
    }
    BudgetTicket ticket(&shared);
    // Pacing spreads a budget that cannot cover the work over the window;
    // a run that pauses at the reset instead spends it at once and leaves
    // its worker free for other budgets' repositories: the same requests
    // per hour, and no worker idle between them.
    if (admission.until > clock_.now() && !params_.pause_for_reset) {
      // A paced slot: the ticket already counts, so a wait cut short
      // (signal, deadline) gives the slot's request back as the ticket goes.
      wait_until(admission.until,
                 "rate limit: pacing " + std::to_string(admission.remaining - admission.reserve) +
                     " usable requests among the workers until the reset",
                 /*quiet=*/true);
    }
    return ticket;
  }
}

void RequestRunner::respect_own_budget(const github::RateLimitSnapshot& rate) {
  if (!rate.remaining || !rate.reset_time()) return;
  const auto now = clock_.now();
  if (*rate.reset_time() <= now - std::chrono::seconds(1)) return;  // the window has reset
  const std::int64_t reserve = effective_reserve(rate, params_.min_remaining);
  if (*rate.remaining <= reserve) {
    // Only the reserve is left: nothing is sent until the window resets.
    wait_for_reset(primary_limit_resume_time(*rate.reset_time()),
                   "rate limit: " + std::to_string(*rate.remaining) +
                       " requests left, reserve is " + std::to_string(reserve));
    return;
  }
  const Duration pace = pacing_delay(rate, reserve, requests_needed_, now, params_.deadline);
  if (pace > Duration{0}) {
    wait_until(now + pace,
               "rate limit: pacing " + std::to_string(*rate.remaining - reserve) +
                   " usable requests until the reset",
               /*quiet=*/true);
  }
}

void RequestRunner::wait_before_retry(const std::string& what, const GitHubError& error,
                                      int attempt) {
  switch (error.kind()) {
    case ErrorKind::kCancelled: throw Cancelled();
    case ErrorKind::kUnauthorized:
    case ErrorKind::kNotFound:
    case ErrorKind::kClientError:
    case ErrorKind::kRefused: throw error;
    case ErrorKind::kRateLimited:
      if (!error.secondary_limit() && error.rate().reset_time()) {
        wait_for_primary_reset(what, error);
        return;
      }
      if (attempt >= params_.policy.max_retries) throw error;
      ++stats_.retries;
      wait_until(clock_.now() + secondary_limit_wait(params_.policy, error.retry_after_seconds(),
                                                     secondary_repeats_++),
                 what + ": secondary rate limit");
      return;
    case ErrorKind::kRetryable:
      if (attempt >= params_.policy.max_retries) throw error;
      ++stats_.retries;
      spdlog::warn("{} failed ({}); retry {} of {}", what, redact(error.what()), attempt + 1,
                   params_.policy.max_retries);
      wait_until(clock_.now() + transient_backoff(params_.policy, attempt, uniform01_()),
                 what + ": backing off");
      return;
  }
}

// The hourly budget is spent: retrying before the reset only earns another
// 403, so wait it out. Not a retry, but bounded all the same: a token that
// stays exhausted after its resets (another user draining it, or a server
// whose reset is in the past) pauses the run instead of looping.
void RequestRunner::wait_for_primary_reset(const std::string& what, const GitHubError& error) {
  const auto now = clock_.now();
  const auto reset = *error.rate().reset_time();
  const int repeat = primary_exhausted_++;
  const SystemTime retry_at = primary_limit_retry_time(params_.policy, reset, now, repeat);
  if (primary_exhausted_ >= params_.policy.max_primary_exhausted) {
    throw PauseRequired(what + ": GitHub answered \"rate limit exhausted\" " +
                            std::to_string(primary_exhausted_) +
                            " times in a row with no request succeeding in between (reset " +
                            format_iso8601(reset) + ")",
                        std::min(retry_at, now + params_.policy.max_wait));
  }
  std::string reason = what + ": primary rate limit exhausted";
  if (primary_limit_resume_time(reset) <= now) {
    reason += ", though its reset " + format_iso8601(reset) + " has passed (clock skew?)";
  }
  wait_for_reset(retry_at, reason);
}

}  // namespace backfill::engine
