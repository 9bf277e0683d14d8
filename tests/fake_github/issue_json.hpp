#pragma once
// GitHub's "Issue", "Issue Comment" and "Label" objects for the issues
// endpoints, pull requests included: GitHub lists every pull request as an
// issue too, marked by its `pull_request` member. Rendered through a DOM:
// these endpoints serve a few items per request, not a million.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fake_github/issue_tracker.hpp"
#include "fake_github/pull_generation.hpp"
#include "fake_github/repository_json.hpp"
#include "fake_github/user_pool.hpp"

namespace fake_github {

// Whose token wrote the issues and comments: the Actions GITHUB_TOKEN's.
Account token_account();

struct IssueRenderContext {
  const RepositoryRendering& repo;
  const std::vector<LabelRecord>& created_labels;
  std::string actor_json;  // Simple User of token_account()
  std::uint64_t seed = 0;  // the repository's generation seed, for its PRs
};

IssueRenderContext issue_render_context(const std::string& base_url,
                                        const RepositoryRendering& repo,
                                        const std::vector<LabelRecord>& created_labels,
                                        std::uint64_t seed);

// The issue id GitHub gives item `number` (an issue, or a PR seen as one);
// distinct from the PR's own id.
std::int64_t issue_global_id(std::int64_t repository_id, std::int64_t number);

// Names of the labels a generated PR carries.
std::vector<std::string> pull_label_names(const PullRecord& pull);

// `single`: the answer about one issue (create, update), which also tells
// who closed it; listings leave closed_by out, as GitHub's do.
nlohmann::ordered_json issue_json(const IssueRenderContext& context, const IssueRecord& issue,
                                  bool single);
nlohmann::ordered_json pull_as_issue_json(const IssueRenderContext& context,
                                          const PullRecord& pull);
nlohmann::ordered_json comment_json(const IssueRenderContext& context, std::int64_t issue_number,
                                    const CommentRecord& comment);

}  // namespace fake_github
