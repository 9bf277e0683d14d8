#include "fleet/github_session.hpp"

namespace backfill::fleet {

namespace {

std::string user_agent() { return std::string("backfill/") + BACKFILL_VERSION; }

engine::RunnerParams runner_params(const cli::Config& config) {
  engine::RunnerParams params;
  params.policy.max_retries = config.max_retries;
  params.policy.base_delay = std::chrono::milliseconds(config.backoff_base_ms);
  params.min_remaining = config.min_remaining;
  return params;
}

std::unique_ptr<github::HttpTransport> transport_for(const CancelToken& cancel) {
  github::TransportOptions options;
  options.user_agent = user_agent();
  return github::make_curl_transport(options, cancel);
}

}  // namespace

GitHubSession::GitHubSession(const cli::Config& config, Clock& clock, const CancelToken& cancel)
    : transport_(transport_for(cancel)),
      client_(std::make_unique<github::GitHubClient>(
          github::ClientParams{config.api_url, config.token, user_agent()}, *transport_)),
      random_(std::random_device{}()),
      runner_(runner_params(config), clock, cancel, [this] { return uniform_(random_); }) {}

github::RepositoryInfo GitHubSession::repository(const RepoName& repo) {
  return runner_.run("GET repository " + repo.full(), client_->last_rate_limit(),
                     [&] { return client_->get_repository(repo); });
}

std::int64_t GitHubSession::count_pulls(const RepoName& repo) {
  return runner_.run("count pull requests of " + repo.full(), client_->last_rate_limit(),
                     [&] { return client_->count_pulls(repo); });
}

void GitHubSession::dispatch(const RepoName& workflow_repo, const std::string& json_payload) {
  runner_.run("dispatch to " + workflow_repo.full(), client_->last_rate_limit(), [&] {
    return client_->call("POST", "/repos/" + workflow_repo.owner + "/" + workflow_repo.name + "/dispatches",
                         json_payload);
  });
}

}  // namespace backfill::fleet
