#include "fleet/github_session.hpp"

#include "backfill/cli/run_params.hpp"

namespace backfill::fleet {

namespace {

std::string user_agent() { return std::string("backfill/") + BACKFILL_VERSION; }

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
      runner_(cli::runner_params_from(config), clock, cancel, [this] { return uniform_(random_); }) {}

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
