#pragma once
// upsert_repository's rules, once for both engines: find the row by GitHub
// id, else by name; follow a rename; adopt a row stored under the name
// before its GitHub id was known; refuse a name that another GitHub
// repository owns. Each engine supplies the four row operations, run inside
// the write transaction it holds.
#include <cstdint>
#include <optional>
#include <string>

#include "backfill/core/repo_name.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

class RepositoryRows {
 public:
  virtual ~RepositoryRows() = default;
  virtual std::optional<Repository> by_github_id(std::int64_t github_id) = 0;
  virtual std::optional<Repository> by_name(const RepoName& name) = 0;  // case-insensitive
  // Returns the new row's id.
  virtual std::string insert(std::int64_t github_id, const RepoName& name,
                             const std::string& now) = 0;
  virtual void update(const Repository& row, const std::string& now) = 0;
};

// The stored row after the upsert (names without NUL characters). Throws
// FatalError when `name` is stored for a different GitHub id.
Repository upsert_repository_in(RepositoryRows& rows, std::int64_t github_id, const RepoName& name,
                                const std::string& now);

}  // namespace backfill::store
