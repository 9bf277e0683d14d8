#include "backfill/actions/issue_reporter.hpp"

#include <nlohmann/json.hpp>

#include "backfill/actions/failure_issue.hpp"

namespace backfill::actions {

namespace {
std::string issues_path(const RepoName& repo) {
  return "/repos/" + repo.owner + "/" + repo.name + "/issues";
}
}  // namespace

std::optional<std::int64_t> find_open_failure_issue(engine::GitHubSession& github,
                                                    const RepoName& issues_repo,
                                                    const std::string& repository) {
  const std::string title = issue_title(repository);
  // Few failure issues are ever open at once; 100 per page, at most 10 pages.
  for (int page = 1; page <= 10; ++page) {
    auto response = github.call("list failure issues of " + issues_repo.full(), "GET",
                                issues_path(issues_repo) + "?labels=" + kFailureLabel +
                                    "&state=open&per_page=100&page=" + std::to_string(page));
    auto list = nlohmann::json::parse(response.body, nullptr, false);
    if (!list.is_array()) throw std::runtime_error("GitHub's issue list is not a JSON array");
    for (const auto& issue : list) {
      // Pull requests come back from the issues endpoint too.
      if (!issue.is_object() || issue.contains("pull_request")) continue;
      if (issue.value("title", std::string()) == title && issue.contains("number")) {
        return issue["number"].get<std::int64_t>();
      }
    }
    if (list.size() < 100) break;
  }
  return std::nullopt;
}

IssueAction report_failure(engine::GitHubSession& github, const RepoName& issues_repo,
                           const RunReport& report) {
  if (auto number = find_open_failure_issue(github, issues_repo, report.repository)) {
    github.call("comment on failure issue", "POST",
                issues_path(issues_repo) + "/" + std::to_string(*number) + "/comments",
                nlohmann::json{{"body", repeat_failure_comment(report)}}.dump());
    return IssueAction::kCommented;
  }
  github.call("open failure issue", "POST", issues_path(issues_repo),
              nlohmann::json{{"title", issue_title(report.repository)},
                             {"body", issue_body(report)},
                             {"labels", {kFailureLabel}}}
                  .dump());
  return IssueAction::kOpened;
}

IssueAction report_completion(engine::GitHubSession& github, const RepoName& issues_repo,
                              const RunReport& report) {
  auto number = find_open_failure_issue(github, issues_repo, report.repository);
  if (!number) return IssueAction::kNone;
  const std::string issue = issues_path(issues_repo) + "/" + std::to_string(*number);
  github.call("comment on failure issue", "POST", issue + "/comments",
              nlohmann::json{{"body", completion_comment(report)}}.dump());
  github.call("close failure issue", "PATCH", issue,
              nlohmann::json{{"state", "closed"}, {"state_reason", "completed"}}.dump());
  return IssueAction::kClosed;
}

}  // namespace backfill::actions
