#pragma once
// What the failure issue says; the GitHub client posts it. One open issue
// per repository, found by its title and label: a failure opens it (or
// comments on it when it is already open), a later completion comments and
// closes it.
#include <cstddef>
#include <string>

#include "backfill/actions/step_summary.hpp"

namespace backfill::actions {

inline constexpr const char* kFailureLabel = "backfill-failure";
// GitHub rejects issue and comment bodies over 65,536 characters; every text
// here stays under this many bytes (a character is at least one byte).
inline constexpr std::size_t kIssueBodyLimitBytes = 64 * 1000;

// "Backfill failed: owner/name".
std::string issue_title(const std::string& repository);

// The error, cursor and counts, the rate-limit picture, the run URL and the
// resume command. Under kIssueBodyLimitBytes whatever the error's size.
std::string issue_body(const RunReport& report);
// On the open issue when the repository fails again.
std::string repeat_failure_comment(const RunReport& report);
// On the open issue, just before closing it, when a later run completes.
std::string completion_comment(const RunReport& report);

}  // namespace backfill::actions
