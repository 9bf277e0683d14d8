#pragma once
// The engine in-process, with every real part but time: the real curl
// transport and GitHub client against the fake GitHub server, a real
// database, and a ManualClock that both the engine and the fake server read,
// so a one-hour rate-limit wait takes no real time and the fake's budget
// resets exactly when the engine's clock says so.
#include <memory>
#include <string>

#include "backfill/engine/backfill_run.hpp"
#include "fake_github/fake_github.hpp"
#include "support/manual_clock.hpp"
#include "support/test_databases.hpp"

namespace backfill::testing {

class EngineHarness {
 public:
  explicit EngineHarness(store::Backend backend);
  ~EngineHarness();

  // One run, as the CLI would make it (a fresh transport, client and store).
  engine::RunOutcome run(engine::RunParams params);
  // The same run, its database calls going through `through` (a wrapper of
  // store(), say).
  engine::RunOutcome run(engine::RunParams params, store::BackfillStore& through);
  engine::RunParams params_for(const std::string& repo) const;

  store::Store& store() { return *store_; }
  const std::string& db() const { return database_.url(); }
  std::int64_t epoch_now() { return std::chrono::system_clock::to_time_t(clock.now()); }

  fake_github::FakeGitHub github;
  ManualClock clock;
  CancelToken cancel;
  double jitter = 0.5;  // the uniform draw every backoff uses
  long total_timeout_ms = 1500;

 private:
  TestDatabase database_;
  std::unique_ptr<store::Store> store_;
  std::string api_url_;
};

}  // namespace backfill::testing
