#include "backfill/engine/request_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"

namespace backfill::engine {

using github::ErrorKind;
using github::GitHubError;

RequestRunner::RequestRunner(RunnerParams params, Clock& clock, const CancelToken& cancel,
                             std::function<double()> uniform01)
    : params_(std::move(params)), clock_(clock), cancel_(cancel), uniform01_(std::move(uniform01)) {}

void RequestRunner::wait_until(SystemTime until, const std::string& reason) {
  if (cancel_.stop_requested()) throw Cancelled();
  if (params_.deadline && until > *params_.deadline) {
    throw PauseRequired(reason + "; resuming needs until " + format_iso8601(until) +
                            ", past the time budget",
                        until);
  }
  const auto start = clock_.now();
  if (until <= start) return;
  spdlog::warn("{}: waiting until {}", reason, format_iso8601(until));
  const bool finished = clock_.sleep_until(until, cancel_);
  stats_.waited += std::chrono::duration_cast<Duration>(clock_.now() - start);
  if (!finished) throw Cancelled();
}

void RequestRunner::respect_budget(const github::RateLimitSnapshot& rate) {
  if (cancel_.stop_requested()) throw Cancelled();
  // Keep `min_remaining` calls for the token's other users: once only the
  // reserve is left, nothing is sent until the window resets. The reserve
  // never exceeds a tenth of the limit, or an unauthenticated caller (60 an
  // hour) could never send anything.
  if (!rate.remaining || !rate.reset_time()) return;
  long reserve = params_.min_remaining;
  if (rate.limit) reserve = std::min<long>(reserve, static_cast<long>(*rate.limit / 10));
  if (*rate.remaining > reserve) return;
  if (rate.reset_time() <= clock_.now() - std::chrono::seconds(1)) return;  // stale snapshot
  wait_until(primary_limit_resume_time(*rate.reset_time()),
             "rate limit: " + std::to_string(*rate.remaining) + " requests left, reserve is " +
                 std::to_string(reserve));
}

void RequestRunner::wait_before_retry(const std::string& what, const GitHubError& error,
                                      int attempt) {
  switch (error.kind()) {
    case ErrorKind::kCancelled:
      throw Cancelled();
    case ErrorKind::kUnauthorized:
    case ErrorKind::kNotFound:
    case ErrorKind::kClientError:
      throw error;
    case ErrorKind::kRateLimited:
      if (!error.secondary_limit() && error.rate().reset_time()) {
        // The hourly budget is spent: retrying before the reset only earns
        // another 403, so wait it out. Does not count as a retry.
        wait_until(primary_limit_resume_time(*error.rate().reset_time()),
                   what + ": primary rate limit exhausted");
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

}  // namespace backfill::engine
