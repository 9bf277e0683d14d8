#pragma once
#include <string>

namespace backfill {

// An "owner/name" pair as GitHub accepts it.
struct RepoName {
  std::string owner;
  std::string name;

  std::string full() const { return owner + "/" + name; }
  // Lower-cased "owner/name": GitHub names are case-insensitive.
  std::string key() const;
  bool operator==(const RepoName&) const = default;
};

// Validates GitHub's rules (owner: 1-39 of [A-Za-z0-9-], not starting or
// ending with '-'; name: 1-100 of [A-Za-z0-9._-], not "." or ".."). Accepts a
// trailing ".git" and a "https://github.com/" prefix. Throws UsageError.
RepoName parse_repo_name(const std::string& text);

}  // namespace backfill
