#include "backfill/engine/github_session.hpp"

#include <nlohmann/json.hpp>

#include "backfill/core/redact.hpp"

namespace backfill::engine {

namespace {

std::unique_ptr<github::HttpTransport> curl_transport(const SessionSettings& settings,
                                                      const CancelToken& cancel) {
  github::TransportOptions options;
  options.user_agent = settings.user_agent;
  return github::make_curl_transport(options, cancel);
}

// Only what the commands use: reading pull requests, and, when issue
// reports or dispatches are on, writing issues and dispatch events.
std::string app_permissions_json(bool writes) {
  nlohmann::json permissions = {{"pull_requests", "read"}, {"metadata", "read"}};
  if (writes) {
    permissions["issues"] = "write";
    permissions["contents"] = "write";
  }
  return permissions.dump();
}

}  // namespace

std::string SessionSettings::default_user_agent() {
  return std::string("backfill/") + BACKFILL_VERSION;
}

GitHubSession::GitHubSession(SessionSettings settings, Clock& clock, const CancelToken& cancel)
    : GitHubSession(settings, curl_transport(settings, cancel), clock, cancel) {}

GitHubSession::GitHubSession(SessionSettings settings,
                             std::unique_ptr<github::HttpTransport> transport, Clock& clock,
                             const CancelToken& cancel)
    : settings_(std::move(settings)),
      transport_(std::move(transport)),
      random_(std::random_device{}()),
      runner_(settings_.runner, clock, cancel, [this] { return uniform_(random_); }) {
  while (!settings_.api_url.empty() && settings_.api_url.back() == '/')
    settings_.api_url.pop_back();
  // Before the first request, so that no log line can show the token.
  register_secret(settings_.token);
  github::ClientParams params{settings_.api_url, settings_.token, settings_.user_agent};
  if (!settings_.graphql_url.empty()) params.extra_origins.push_back(settings_.graphql_url);
  if (settings_.app) {
    params.token.clear();
    github::AppAuthParams app;
    app.api_url = settings_.api_url;
    app.user_agent = settings_.user_agent;
    app.installation_id = settings_.app->installation_id;
    app.permissions_json = app_permissions_json(settings_.app->write_permissions);
    app.on_secret = settings_.on_secret;
    app_tokens_ = std::make_shared<github::AppInstallationTokens>(
        github::AppJwtSigner(settings_.app->id, settings_.app->private_key,
                             settings_.app->key_source),
        std::move(app), *transport_, clock);
    params.auth = app_tokens_;
  }
  client_ = std::make_unique<github::GitHubClient>(std::move(params), *transport_);
}

std::optional<std::int64_t> GitHubSession::installation_of(const RepoName& repo) {
  if (!app_tokens_) return std::nullopt;
  return runner_.run("find the GitHub App installation of " + repo.full(),
                     client_->last_rate_limit(), [&] {
                       return app_tokens_->installation_for(settings_.api_url + "/repos/" +
                                                            repo.owner + "/" + repo.name);
                     });
}

GitHubSession::~GitHubSession() = default;

github::RepositoryInfo GitHubSession::repository(const RepoName& repo) {
  return runner_.run("GET repository " + repo.full(), client_->last_rate_limit(),
                     [&] { return client_->get_repository(repo); });
}

std::int64_t GitHubSession::count_pulls(const RepoName& repo) {
  return runner_.run("count pull requests of " + repo.full(), client_->last_rate_limit(),
                     [&] { return client_->count_pulls(repo); });
}

std::vector<github::RateLimitSnapshot> GitHubSession::rate_limits() {
  // GET /rate_limit costs nothing and answers even when the budget is
  // spent: no budget to respect (an empty snapshot), only retries.
  return runner_.run("GET rate_limit", github::RateLimitSnapshot{},
                     [&] { return client_->rate_limits(); });
}

std::vector<BudgetRateLimits> GitHubSession::rate_limits_per_budget() {
  if (!app_tokens_) return {{std::nullopt, "", rate_limits()}};
  std::vector<github::AppInstallationTokens::Installation> installations;
  if (settings_.app->installation_id) {
    installations.push_back({*settings_.app->installation_id, ""});
  } else {
    installations = runner_.run("list the GitHub App's installations", client_->last_rate_limit(),
                                [&] { return app_tokens_->installations(); });
  }
  std::vector<BudgetRateLimits> budgets;
  for (const auto& installation : installations) {
    app_tokens_->use_installation(installation.id);
    budgets.push_back({installation.id, installation.account, rate_limits()});
  }
  return budgets;
}

github::HttpResponse GitHubSession::call(const std::string& what, const std::string& method,
                                         const std::string& path, const std::string& json_body) {
  return runner_.run(what, client_->last_rate_limit(),
                     [&] { return client_->call(method, path, json_body); });
}

void GitHubSession::dispatch(const RepoName& workflow_repo, const nlohmann::json& payload) {
  // Retried like any call, even after a 5xx that GitHub may have acted on:
  // the workflow's per-repository concurrency group queues a duplicate run
  // behind the first, and it then resumes from the cursor where the first
  // stopped, so a second dispatch costs a short job, never data.
  call("dispatch to " + workflow_repo.full(), "POST",
       "/repos/" + workflow_repo.owner + "/" + workflow_repo.name + "/dispatches", payload.dump());
}

}  // namespace backfill::engine
