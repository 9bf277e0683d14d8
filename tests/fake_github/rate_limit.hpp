#pragma once
// GitHub's primary rate limit: a budget per token (and one for
// unauthenticated callers) that each API request spends, reported in
// x-ratelimit-* headers and exhausted into a 403. Every budget refills to its
// limit when the server's clock reaches its reset epoch, as GitHub's do.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace fake_github {

struct Budget {
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_epoch = 0;
  std::int64_t used() const { return limit - remaining; }
};

class RateLimiter {
 public:
  static constexpr std::int64_t kAuthenticatedLimit = 5000;
  static constexpr std::int64_t kUnauthenticatedLimit = 60;
  static constexpr std::int64_t kWindowSeconds = 3600;

  // Every caller, known or new, starts from this budget from now on. It
  // refills to `limit` at `reset_epoch`, like any other.
  void override_budget(std::int64_t limit, std::int64_t remaining, std::int64_t reset_epoch);
  // The same, keeping each caller's usual limit (5000, or 60 unauthenticated).
  void override_remaining(std::int64_t remaining, std::int64_t reset_epoch);
  // One caller's budget from now on (an installation's, say), the others
  // untouched.
  void set_budget(const std::string& caller, Budget budget);

  // Spends one request from the caller's budget if any is left. Returns the
  // budget after the attempt and whether the request may proceed.
  struct Spend {
    bool allowed = false;
    Budget budget;
  };
  Spend spend(const std::string& caller, bool authenticated, std::int64_t now_epoch);
  // Spends `points` (GraphQL's cost of a query) if that many are left;
  // otherwise spends nothing and refuses.
  Spend spend_points(const std::string& caller, bool authenticated, std::int64_t now_epoch,
                     std::int64_t points);
  // Empties the caller's budget until its reset (what running out does).
  Budget exhaust(const std::string& caller, bool authenticated, std::int64_t now_epoch);
  Budget peek(const std::string& caller, bool authenticated, std::int64_t now_epoch);

 private:
  struct Override {
    std::optional<std::int64_t> limit;  // none: the caller's usual limit
    std::int64_t remaining = 0;
    std::int64_t reset_epoch = 0;
  };
  void set_override(Override value);
  Budget& budget_of(const std::string& caller, bool authenticated, std::int64_t now_epoch);

  std::mutex mutex_;
  std::map<std::string, Budget> budgets_;  // "" is the unauthenticated caller
  std::optional<Override> override_;
};

}  // namespace fake_github
