#pragma once
// Failure issues in the workflow's repository, deduplicated through their
// label (GET .../issues?labels=backfill-failure&state=open is consistent,
// unlike search): a failure opens an issue or comments on the open one; a
// later completion comments and closes it.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "backfill/actions/step_summary.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/github/client.hpp"

namespace backfill::actions {

enum class IssueAction { kNone, kOpened, kCommented, kClosed };

// The open failure issue of `repository` in `issues_repo`, if any.
std::optional<std::int64_t> find_open_failure_issue(github::GitHubClient& client,
                                                    const RepoName& issues_repo,
                                                    const std::string& repository);

// After a failed run: comment on the open issue, or open one.
IssueAction report_failure(github::GitHubClient& client, const RepoName& issues_repo,
                           const RunReport& report);
// After a completed run: comment on and close the open issue, if any.
IssueAction report_completion(github::GitHubClient& client, const RepoName& issues_repo,
                              const RunReport& report);

// Sends the continuation (POST /repos/{o}/{r}/dispatches).
void send_dispatch(github::GitHubClient& client, const RepoName& workflow_repo,
                   const nlohmann::json& payload);

}  // namespace backfill::actions
