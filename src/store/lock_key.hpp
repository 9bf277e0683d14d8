#pragma once
// Which lock a repository takes: its GitHub id, the one identity that every
// name it has or had (any case, before and after a rename) agrees on. Each
// engine maps it into its lock space one-to-one, so two repositories never
// contend for one lock.
#include <cstdint>

#include "backfill/store/records.hpp"

namespace backfill::store {

// The repository's GitHub id; throws std::invalid_argument when it has none
// (0, a row stored before its id was known: resolve it first) or one no
// lock space can hold.
std::int64_t repository_lock_id(const Repository& repo);

// PostgreSQL: the bigint advisory key, the GitHub id XOR a fixed namespace
// constant (a bijection of 64-bit integers), so that small keys other
// programs may lock on the same database are not ours.
std::int64_t advisory_lock_key(const Repository& repo);

// SQLite: the byte of "<database>.locks" to lock, the GitHub id itself.
std::int64_t lock_file_offset(const Repository& repo);

}  // namespace backfill::store
