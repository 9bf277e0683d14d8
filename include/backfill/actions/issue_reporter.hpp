#pragma once
// Failure issues in the workflow's repository, deduplicated through their
// label (GET .../issues?labels=backfill-failure&state=open is consistent,
// unlike search): a failure opens an issue or comments on the open one; a
// later completion comments and closes it. Every call goes through the
// session's runner (retries, budget, secondary limits); a retried POST that
// GitHub had in fact handled can leave a second comment, never a lost one.
#include <optional>
#include <string>

#include "backfill/actions/step_summary.hpp"
#include "backfill/core/repo_name.hpp"
#include "backfill/engine/github_session.hpp"

namespace backfill::actions {

enum class IssueAction { kNone, kOpened, kCommented, kClosed };

// The open failure issue of `repository` in `issues_repo`, if any.
std::optional<std::int64_t> find_open_failure_issue(engine::GitHubSession& github,
                                                    const RepoName& issues_repo,
                                                    const std::string& repository);

// After a failed run: comment on the open issue, or open one.
IssueAction report_failure(engine::GitHubSession& github, const RepoName& issues_repo,
                           const RunReport& report);
// After a completed run: comment on and close the open issue, if any.
IssueAction report_completion(engine::GitHubSession& github, const RepoName& issues_repo,
                              const RunReport& report);

}  // namespace backfill::actions
