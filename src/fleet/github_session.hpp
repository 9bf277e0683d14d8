#pragma once
// A GitHub client for the fleet commands, made as `backfill run` makes its
// own (curl transport, GitHubClient), with every call going through the
// engine's RequestRunner: the same retries, backoff and rate-limit reserve.
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "backfill/cli/config.hpp"
#include "backfill/core/cancel.hpp"
#include "backfill/core/clock.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/github/client.hpp"
#include "backfill/github/http.hpp"

namespace backfill::fleet {

class GitHubSession {
 public:
  GitHubSession(const cli::Config& config, Clock& clock, const CancelToken& cancel);
  GitHubSession(const GitHubSession&) = delete;
  GitHubSession& operator=(const GitHubSession&) = delete;

  github::RepositoryInfo repository(const RepoName& repo);
  std::int64_t count_pulls(const RepoName& repo);
  // POST /repos/{o}/{r}/dispatches, with the usual retries.
  void dispatch(const RepoName& workflow_repo, const std::string& json_payload);

  github::GitHubClient& client() { return *client_; }
  double jitter() { return uniform_(random_); }

 private:
  std::unique_ptr<github::HttpTransport> transport_;
  std::unique_ptr<github::GitHubClient> client_;
  std::mt19937_64 random_;
  std::uniform_real_distribution<double> uniform_{0.0, 1.0};
  engine::RequestRunner runner_;
};

}  // namespace backfill::fleet
