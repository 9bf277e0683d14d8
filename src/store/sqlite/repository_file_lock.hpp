#pragma once
// Repository locks for SQLite: an fcntl write lock on one byte of a sidecar
// file "<database>.locks", at the offset store/lock_key.hpp gives (the
// repository's GitHub id; the file stays empty, locks may lie past its end). The
// kernel drops it when the process dies (kill -9 included), so a crashed run
// never leaves a stale lock behind.
//
// fcntl locks belong to the process, not to a file descriptor, and closing
// ANY descriptor of the file drops all of them. So this module owns the
// only descriptors of each lock file in the process (shared, reference
// counted, closed only when no lock in the file is held) and refuses a
// second lock on the same byte from within the process, which the kernel
// would grant.
#include <cstdint>
#include <memory>
#include <string>

#include "backfill/store/records.hpp"

namespace backfill::store::sqlite {

// The lock on byte `offset` of `lock_path`, or nullptr when another
// process, or another Store of this process, holds it. Throws FatalError
// when the lock file cannot be opened or locked.
std::unique_ptr<RepositoryLock> try_lock_repository_file(const std::string& lock_path,
                                                         std::int64_t offset);

}  // namespace backfill::store::sqlite
