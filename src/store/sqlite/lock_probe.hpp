#pragma once
// Whether another process holds a repository's lock (repository_file_lock.hpp)
// without taking it: F_GETLK only asks, on a descriptor opened read-only, so
// a reader never competes with a run for its lock, and never creates the
// lock file. Only for a process that holds no lock in the file itself
// (closing the descriptor would drop those): `backfill serve`.
#include <cstdint>
#include <string>

namespace backfill::store::sqlite {

// false when the lock file does not exist (no run ever locked anything).
bool repository_lock_held(const std::string& lock_path, std::int64_t offset);

}  // namespace backfill::store::sqlite
