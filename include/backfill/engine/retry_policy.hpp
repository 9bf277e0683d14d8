#pragma once
// Pure retry arithmetic: how long to wait before attempt N of a request that
// failed in a given way. No clock, no randomness of its own: the caller
// passes a uniform draw in [0, 1) so tests can pin the jitter.
#include <chrono>
#include <optional>

#include "backfill/core/clock.hpp"

namespace backfill::engine {

struct RetryPolicy {
  int max_retries = 5;                                     // after the first attempt
  Duration base_delay = std::chrono::seconds(1);           // doubles per retry
  Duration max_delay = std::chrono::seconds(60);           // cap before jitter
  Duration secondary_min_wait = std::chrono::seconds(60);  // no retry-after given
  Duration secondary_max_wait = std::chrono::minutes(30);
  // The longest wait ever made (GitHub's rate-limit window is an hour): a
  // longer one (a reset or retry-after further away, absurd or not) is not
  // waited; the run pauses instead. RequestRunner allows a minute more for
  // clock skew between us and GitHub.
  Duration max_wait = std::chrono::hours(1);
  // "Rate limit exhausted" answers in a row, with no successful request in
  // between, after which the run pauses rather than keep waiting and asking.
  int max_primary_exhausted = 3;
};

// retry-after values are clamped to this before any arithmetic.
inline constexpr long kMaxRetryAfterSeconds = 100'000'000;  // ~3 years

// Capped exponential backoff with full jitter (AWS architecture blog's
// "full jitter"): uniform in [0, min(max_delay, base * 2^retry)].
// `retry` is 0 for the first retry.
Duration transient_backoff(const RetryPolicy& policy, int retry, double uniform01);

// Secondary rate limit: GitHub asks for `retry-after` seconds, else at least
// a minute, growing exponentially when it keeps happening (`repeat` 0-based).
Duration secondary_limit_wait(const RetryPolicy& policy, std::optional<long> retry_after_seconds,
                              int repeat);

// Primary limit exhausted: wait for the reset plus one second of slack for
// clock skew between us and GitHub.
SystemTime primary_limit_resume_time(SystemTime reset);

// When to ask again after the `repeat`-th (0-based) "exhausted" answer in a
// row, at `now`: the reset + 1 s, or, when that is not in the future (our
// clock is ahead of GitHub's, or the header lies), the secondary-limit wait
// without retry-after (60 s, doubling): never at once, which would loop.
SystemTime primary_limit_retry_time(const RetryPolicy& policy, SystemTime reset, SystemTime now,
                                    int repeat);

}  // namespace backfill::engine
