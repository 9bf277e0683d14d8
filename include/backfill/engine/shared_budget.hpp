#pragma once
// One rate-limit governor for every worker of a process. Each worker's
// client sees only its own responses; the token's budget is shared, so the
// workers pool what they see here and ask it before every request:
//
//  - the picture: the x-ratelimit-* snapshot of the latest window (a later
//    reset epoch replaces the picture; for the same window the lowest
//    `remaining` seen wins, since replies of concurrent requests arrive in
//    any order); a snapshot of an older window is ignored;
//  - requests in flight (admitted, not yet answered) are subtracted from
//    `remaining`: they will spend it, whatever the last reply said;
//  - when only the reserve (engine/budget.hpp effective_reserve) is left,
//    nobody is admitted until the reset (+1 s), so N workers together never
//    dig into the calls kept for the token's other users;
//  - when the usable budget cannot cover what all workers still need
//    (the sum of their set_requests_needed), requests are admitted one
//    interval apart (pacing_delay over the pooled need), for all workers
//    together rather than per worker, so N workers do not pace N times
//    faster than one.
//
// Thread-safe. Pure logic: times are passed in and nothing waits here;
// RequestRunner does the waiting through its Clock (so a wait still stops
// on cancellation and still refuses to outlast the run's deadline).
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "backfill/core/clock.hpp"
#include "backfill/github/rate_limit.hpp"

namespace backfill::engine {

class SharedBudget {
 public:
  // The budget of one API: "core" (REST requests; a reply that names no
  // resource counts here) or "graphql" (points). Snapshots of another
  // resource are ignored: they are another budget, with its own window.
  explicit SharedBudget(std::string resource = "core") : resource_(std::move(resource)) {}

  enum class Verdict {
    kGo,            // admitted: send at `until` (now, or a paced slot later)
    kWaitForReset,  // not admitted: only the reserve is left until `until`
  };
  struct Admission {
    Verdict verdict = Verdict::kGo;
    SystemTime until;            // kGo: when to send; kWaitForReset: the reset + 1 s
    std::int64_t remaining = 0;  // the pooled remaining, in-flight requests subtracted
    std::int64_t reserve = 0;
  };

  // Merges one response's snapshot (ignored when it has no remaining or no
  // reset).
  void offer(const github::RateLimitSnapshot& rate);

  // The pooled picture, in-flight requests subtracted from `remaining`:
  // what chunk sizing and progress reports read.
  github::RateLimitSnapshot snapshot() const;

  // Asks to send one request at `now`. kGo admits it (it is then in flight
  // until finished()); kWaitForReset does not (ask again after the wait).
  // `min_remaining` is the caller's --min-remaining; `deadline` the end of
  // its time budget, if any (pacing spends the budget before it).
  Admission admit(SystemTime now, std::int64_t min_remaining,
                  std::optional<SystemTime> deadline = std::nullopt);
  // An admitted request was answered, failed, or was never sent.
  void finished();

  // What one participant (a RequestRunner) still needs; the pacing reads
  // the sum over all. forget() when it is done.
  void set_requests_needed(const void* participant, std::int64_t requests);
  void forget(const void* participant);

  std::int64_t in_flight() const;

 private:
  const std::string resource_;
  mutable std::mutex mutex_;
  github::RateLimitSnapshot rate_;
  std::int64_t in_flight_ = 0;
  std::optional<SystemTime> next_slot_;  // the earliest a paced request may go
  std::map<const void*, std::int64_t> needed_;
};

// One admitted request: in flight until answered() pools its reply's
// snapshot, or until destroyed (a wait cut short, an exception that is no
// reply). Empty (no budget) does nothing.
class BudgetTicket {
 public:
  BudgetTicket() = default;
  explicit BudgetTicket(SharedBudget* budget) : budget_(budget) {}
  BudgetTicket(BudgetTicket&& other) noexcept : budget_(std::exchange(other.budget_, nullptr)) {}
  BudgetTicket& operator=(BudgetTicket&&) = delete;
  ~BudgetTicket() {
    if (budget_) budget_->finished();
  }

  // The reply's snapshot goes into the pool before the request stops
  // counting as in flight, so no other worker sees the budget as larger
  // than it is in between.
  void answered(const github::RateLimitSnapshot& rate) {
    if (!budget_) return;
    budget_->offer(rate);
    std::exchange(budget_, nullptr)->finished();
  }

 private:
  SharedBudget* budget_ = nullptr;
};

}  // namespace backfill::engine
