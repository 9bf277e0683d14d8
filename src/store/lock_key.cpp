#include "store/lock_key.hpp"

#include <limits>
#include <stdexcept>
#include <string>

namespace backfill::store {

namespace {
// "backfill" in ASCII.
constexpr std::uint64_t kAdvisoryNamespace = 0x6261636b66696c6cull;
}  // namespace

std::int64_t repository_lock_id(const Repository& repo) {
  // An fcntl lock covers [offset, offset + 1): the last offset is not lockable.
  if (repo.github_id <= 0 || repo.github_id == std::numeric_limits<std::int64_t>::max()) {
    throw std::invalid_argument("repository " + repo.name.full() + " has no usable GitHub id (" +
                                std::to_string(repo.github_id) + ") to lock on");
  }
  return repo.github_id;
}

std::int64_t advisory_lock_key(const Repository& repo) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(repository_lock_id(repo)) ^
                                   kAdvisoryNamespace);
}

std::int64_t lock_file_offset(const Repository& repo) { return repository_lock_id(repo); }

}  // namespace backfill::store
