// The one mapping of what a step of a run throws to how the run ends.
#include "engine/step_failure.hpp"

#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/store/errors.hpp"

namespace backfill::engine {
namespace {

template <class E>
StepFailure failure_of(const E& thrown, long chunks = 0, bool writing = false) {
  try {
    throw thrown;
  } catch (...) {
    return current_step_failure(chunks, writing);
  }
}

TEST(StepFailure, AStopSignalPauses) {
  const auto f = failure_of(Cancelled());
  EXPECT_TRUE(f.paused);
  EXPECT_EQ(f.pause, PauseKind::kSignal);
  EXPECT_EQ(f.reason, "interrupted by a stop signal");
}

TEST(StepFailure, ARateLimitWaitTooLongPausesUntilTheReset) {
  const SystemTime reset = SystemTime(std::chrono::seconds(1'800'000'000));
  const auto f = failure_of(PauseRequired("rate limit exhausted", reset));
  EXPECT_TRUE(f.paused);
  EXPECT_EQ(f.pause, PauseKind::kRateLimitWait);
  EXPECT_EQ(f.resume_at, reset);
}

TEST(StepFailure, GitHubsErrorsFailWithTheirKind) {
  const auto f = failure_of(github::GitHubError(github::ErrorKind::kNotFound, 404, "Not Found"));
  EXPECT_FALSE(f.paused);
  EXPECT_EQ(f.error_kind, github::ErrorKind::kNotFound);
  EXPECT_NE(f.reason.find("Not Found"), std::string::npos);
}

TEST(StepFailure, ALostDatabaseFailsSayingWhatIsStored) {
  const auto f =
      failure_of(store::ConnectionLost("PostgreSQL", "server closed the connection"), 30, true);
  EXPECT_FALSE(f.paused);
  EXPECT_TRUE(f.database_lost);
  EXPECT_NE(f.reason.find("chunk 31"), std::string::npos) << f.reason;
  EXPECT_FALSE(f.error_kind.has_value());
}

TEST(StepFailure, AnythingElseFailsRedacted) {
  register_secret("ghp_secretsecretsecret");
  const auto f = failure_of(std::runtime_error("disk full near ghp_secretsecretsecret"));
  EXPECT_FALSE(f.paused);
  EXPECT_FALSE(f.database_lost);
  EXPECT_EQ(f.reason.find("ghp_secretsecretsecret"), std::string::npos) << f.reason;
  EXPECT_NE(f.reason.find("disk full"), std::string::npos);
}

TEST(StepFailure, WhatIsNoStdExceptionGoesOn) { EXPECT_THROW(failure_of(42), int); }

}  // namespace
}  // namespace backfill::engine
