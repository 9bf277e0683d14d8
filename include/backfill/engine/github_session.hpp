#pragma once
// The one place that builds an authenticated GitHub session for every
// command: the transport (one reused libcurl handle), the client over it,
// the request runner (retries, backoff, the rate-limit governor, shared with
// sibling workers when given one) and the token's registration as a secret.
// Every call made through the session, writes included, goes through the
// runner; a backfill run drives the session's client with its own runner
// (engine/backfill_run.hpp), which knows the run's deadline.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/app_installation_tokens.hpp"
#include "backfill/github/client.hpp"
#include "backfill/github/http.hpp"

namespace backfill::engine {

// A GitHub App to authenticate as, instead of a token.
struct AppSettings {
  std::string id;                               // the App's id or client ID
  std::string private_key;                      // PEM text; a secret
  std::string key_source;                       // the setting it came from, for errors
  std::optional<std::int64_t> installation_id;  // none: found per repository owner
  // Issue reports and dispatches need issues: write and contents: write;
  // without them the tokens can only read.
  bool write_permissions = false;
};

struct SessionSettings {
  std::string api_url = "https://api.github.com";  // no trailing slash
  std::string token;                               // empty: unauthenticated
  // GraphQL's endpoint (--with), a second origin the token may go to.
  std::string graphql_url;
  std::optional<AppSettings> app;  // when set, `token` is not used
  // Told each credential minted during the session (installation tokens),
  // the moment it exists: the CLI masks them in an Actions job's log.
  std::function<void(const std::string&)> on_secret;
  std::string user_agent = default_user_agent();
  RunnerParams runner;  // for the session's own calls; shared_budget for workers

  static std::string default_user_agent();  // "backfill/VERSION"
};

// One budget GitHub keeps for us and its resources (core, search, graphql...).
struct BudgetRateLimits {
  std::optional<std::int64_t> installation;  // nullopt: the token's budget
  std::string account;                       // the installation's account, when known
  std::vector<github::RateLimitSnapshot> resources;
};

class GitHubSession {
 public:
  // Over libcurl.
  GitHubSession(SessionSettings settings, Clock& clock, const CancelToken& cancel);
  // Over any transport (tests).
  GitHubSession(SessionSettings settings, std::unique_ptr<github::HttpTransport> transport,
                Clock& clock, const CancelToken& cancel);
  GitHubSession(const GitHubSession&) = delete;
  GitHubSession& operator=(const GitHubSession&) = delete;
  ~GitHubSession();

  github::GitHubClient& client() { return *client_; }
  // The installation a request about `repo` is sent as (found and cached on
  // the first call); nullopt when the session uses a token.
  std::optional<std::int64_t> installation_of(const RepoName& repo);
  // Uniform in [0, 1): the jitter source of backoffs, for runs on this session.
  double jitter() { return uniform_(random_); }
  std::function<double()> jitter_source() {
    return [this] { return jitter(); };
  }

  // Each with the runner's retries and budget.
  github::RepositoryInfo repository(const RepoName& repo);
  std::int64_t count_pulls(const RepoName& repo);
  std::vector<github::RateLimitSnapshot> rate_limits();
  // The token's budget, or as a GitHub App each installation's (the one
  // GITHUB_APP_INSTALLATION_ID names, else every installation of the App).
  std::vector<BudgetRateLimits> rate_limits_per_budget();
  // Any REST call: METHOD on `path` under the API URL, with a JSON body
  // when non-empty; `what` names it in logs and errors.
  github::HttpResponse call(const std::string& what, const std::string& method,
                            const std::string& path, const std::string& json_body = "");

  // The one sender of repository dispatches (POST /repos/{o}/{r}/dispatches):
  // continuations and the scheduler's runs.
  void dispatch(const RepoName& workflow_repo, const nlohmann::json& payload);

 private:
  SessionSettings settings_;
  std::unique_ptr<github::HttpTransport> transport_;
  std::shared_ptr<github::AppInstallationTokens> app_tokens_;
  std::unique_ptr<github::GitHubClient> client_;
  std::mt19937_64 random_;
  std::uniform_real_distribution<double> uniform_{0.0, 1.0};
  RequestRunner runner_;
};

}  // namespace backfill::engine
