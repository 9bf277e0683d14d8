#include "hostile/hostile_run.hpp"

#include "backfill/github/client.hpp"

namespace hostile {

namespace {
backfill::SystemTime whole_seconds_now() {
  return backfill::SystemTime(std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch()));
}
}  // namespace

HostileRun::HostileRun(const HostileServer& s) : server(s), clock(whole_seconds_now()) {
  options.connect_timeout_ms = 2000;
  options.total_timeout_ms = 20'000;
  options.user_agent = "backfill-hostile-tests";
}

backfill::engine::RunParams HostileRun::params() const {
  backfill::engine::RunParams p;
  p.repo = backfill::parse_repo_name(server.full_name);
  p.runner.policy.max_retries = 3;
  return p;
}

backfill::engine::RunOutcome HostileRun::run(const backfill::engine::RunParams& params) {
  auto transport = backfill::github::make_curl_transport(options, cancel);
  backfill::github::GitHubClient client({server.url(), kToken, "backfill-hostile-tests"},
                                        *transport);
  return backfill::engine::run_backfill(params,
                                        {client, *db.store, clock, cancel, [] { return 0.5; }});
}

}  // namespace hostile
