#pragma once
#include <cstdint>

#include "backfill/core/repo_name.hpp"

namespace backfill::store {

// A stable 64-bit key for a repository: FNV-1a of RepoName::key() (the
// lower-cased "owner/name"). The same in every process and every build, which
// is what lets two processes agree on which lock to take.
std::uint64_t repository_lock_key(const RepoName& repo);

}  // namespace backfill::store
