#pragma once
// Runs one GitHub call with the retry policy and the rate-limit governor:
// every wait goes through the injected Clock, stops early on cancellation,
// and is refused when it would outlast the run's deadline or the one-hour
// cap on any wait (RetryPolicy::max_wait, plus a minute for clock skew):
// the run then pauses and resumes later instead of idling. Nothing loops
// without a bound: retries are counted, and so are "rate limit exhausted"
// answers in a row (RetryPolicy::max_primary_exhausted). Workers of one process share
// one SharedBudget (RunnerParams::shared_budget): every reply's snapshot is
// pooled there and every request is admitted by it.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/engine/retry_policy.hpp"
#include "backfill/engine/shared_budget.hpp"
#include "backfill/github/client.hpp"

namespace backfill::engine {

// A wait the run may not make (past its deadline): checkpoint and pause.
class PauseRequired : public std::runtime_error {
 public:
  PauseRequired(const std::string& reason, SystemTime resume_at)
      : std::runtime_error(reason), resume_at_(resume_at) {}
  SystemTime resume_at() const { return resume_at_; }

 private:
  SystemTime resume_at_;
};

struct RunnerStats {
  long retries = 0;
  Duration waited{0};  // time spent in enforced waits (limits and backoff)
};

struct RunnerParams {
  RetryPolicy policy;
  long min_remaining = 100;            // budget reserved for other users of the token
  std::optional<SystemTime> deadline;  // end of the time budget, if any
  // The process's governor when several workers share the token; nullptr:
  // this runner governs itself from its client's last snapshot alone.
  SharedBudget* shared_budget = nullptr;
  // The same for GraphQL's points (a snapshot whose resource is "graphql",
  // as GitHubClient::last_graphql_rate_limit always is); nullptr: GraphQL
  // requests govern themselves from that snapshot alone, never from the
  // REST governor, whose window and counts are another budget's.
  SharedBudget* shared_graphql_budget = nullptr;
  // Pause at once (PauseRequired, resuming at the reset) instead of waiting
  // for a rate-limit reset: for a worker whose siblings' repositories draw
  // on other budgets (a GitHub App's other installations), so the worker
  // goes on with those rather than idle. Such a runner does not pace
  // either: it spends the budget down to the reserve and pauses.
  bool pause_for_reset = false;
};

class RequestRunner {
 public:
  RequestRunner(RunnerParams params, Clock& clock, const CancelToken& cancel,
                std::function<double()> uniform01);
  ~RequestRunner();

  // Calls `call` until it succeeds; throws github::GitHubError for fatal
  // replies or once retries are exhausted, Cancelled when stopped,
  // PauseRequired when a wait would pass the deadline or the one-hour cap,
  // or after RetryPolicy::max_primary_exhausted "exhausted" answers in a row.
  template <class Call>
  auto run(const std::string& what, const github::RateLimitSnapshot& last_rate, Call&& call) {
    for (int attempt = 0;; ++attempt) {
      // `last_rate` is read again after the call: callers pass the live
      // snapshot of their client, which the reply has just updated.
      BudgetTicket request = respect_budget(last_rate);
      try {
        auto result = call();
        request.answered(last_rate);
        secondary_repeats_ = 0;
        primary_exhausted_ = 0;
        return result;
      } catch (const github::GitHubError& error) {
        request.answered(error.rate().known() ? error.rate() : last_rate);
        wait_before_retry(what, error, attempt);
      }
    }
  }

  const RunnerStats& stats() const { return stats_; }
  // How many requests the work left still needs (drives pacing).
  void set_requests_needed(std::int64_t n);

 private:
  // Waits as the budget says; with a shared budget the returned ticket
  // keeps the request counted as in flight until it is answered.
  BudgetTicket respect_budget(const github::RateLimitSnapshot& rate);
  void respect_own_budget(const github::RateLimitSnapshot& rate);
  BudgetTicket respect_shared_budget(SharedBudget& shared, const github::RateLimitSnapshot& rate);
  void wait_before_retry(const std::string& what, const github::GitHubError& error, int attempt);
  void wait_for_primary_reset(const std::string& what, const github::GitHubError& error);
  void wait_until(SystemTime until, const std::string& reason, bool quiet = false);
  // wait_until for a rate-limit reset, or the pause RunnerParams::pause_for_reset asks for.
  void wait_for_reset(SystemTime until, const std::string& reason);

  RunnerParams params_;
  Clock& clock_;
  const CancelToken& cancel_;
  std::function<double()> uniform01_;
  RunnerStats stats_;
  int secondary_repeats_ = 0;
  int primary_exhausted_ = 0;  // "exhausted" answers since the last success
  std::int64_t requests_needed_ = 0;
};

}  // namespace backfill::engine
