#pragma once
// The settings a run was given that a later run must repeat to continue the
// same way: in the resume command a person copies, and in the continuation
// a workflow dispatches.
#include <optional>
#include <string>

#include "backfill/core/repo_name.hpp"

namespace backfill::actions {

inline constexpr long kDefaultChunkSize = 50;

struct RunSettings {
  std::optional<long> chunk_size;  // unset or 50: the default
  std::optional<long> max_chunks;
  std::optional<std::string> time_budget;  // as given ("5h45m")
  // Deliberately ignored by both functions below: a continuation resumes;
  // repeating --restart would throw the saved cursor away again.
  bool restart = false;
  std::optional<std::string> with;  // --with, as its scope key ("details,reviews")
};

// "backfill --repo owner/name" plus each non-default setting, e.g.
// "backfill --repo octocat/Hello-World --chunk-size 25 --time-budget 5h45m".
// Arguments a shell would split or expand are single-quoted.
std::string resume_command(const RepoName& repo, const RunSettings& settings);

}  // namespace backfill::actions
