#include "support/engine_harness.hpp"

#include "backfill/github/client.hpp"

namespace backfill::testing {

namespace {
SystemTime whole_seconds_now() {
  return SystemTime(std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch()));
}
}  // namespace

EngineHarness::EngineHarness(store::Backend backend)
    : clock(whole_seconds_now()), database_(backend) {
  github.set_clock([this] { return std::chrono::system_clock::to_time_t(clock.now()); });
  api_url_ = github.start();
  store_ = store::open_store(database_.url());
  store_->migrate();
}

EngineHarness::~EngineHarness() { github.stop(); }

engine::RunParams EngineHarness::params_for(const std::string& repo) const {
  engine::RunParams p;
  p.repo = parse_repo_name(repo);
  p.runner.policy.max_retries = 10;
  return p;
}

engine::RunOutcome EngineHarness::run(engine::RunParams params) { return run(params, *store_); }

engine::RunOutcome EngineHarness::run(engine::RunParams params, store::BackfillStore& through) {
  github::TransportOptions options;
  options.connect_timeout_ms = 1000;
  options.total_timeout_ms = total_timeout_ms;
  options.user_agent = "backfill-tests";
  auto transport = github::make_curl_transport(options, cancel);
  github::GitHubClient client(
      {api_url_, "ghp_harnessToken000000000000000000000000", "backfill-tests"}, *transport);
  return engine::run_backfill(params, {client, through, clock, cancel, [this] { return jitter; }});
}

}  // namespace backfill::testing
