#include "store/lock_key.hpp"

namespace backfill::store {

std::uint64_t repository_lock_key(const RepoName& repo) {
  constexpr std::uint64_t kOffsetBasis = 14695981039346656037ull;
  constexpr std::uint64_t kPrime = 1099511628211ull;
  std::uint64_t hash = kOffsetBasis;
  for (unsigned char c : repo.key()) {
    hash ^= c;
    hash *= kPrime;
  }
  return hash;
}

}  // namespace backfill::store
