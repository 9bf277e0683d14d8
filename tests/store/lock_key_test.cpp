// The lock of a repository is its GitHub id, mapped one-to-one into each
// engine's lock space.
#include "store/lock_key.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>

namespace backfill::store {
namespace {

Repository with_id(std::int64_t github_id) { return Repository{"id", github_id, {"o", "r"}}; }

TEST(LockKey, DistinctGithubIdsGiveDistinctKeysAndOffsets) {
  const std::int64_t ids[] = {1,
                              2,
                              (std::int64_t{1} << 30) + 1,  // 1 modulo the old 2^30 offsets
                              std::int64_t{1} << 31,
                              (std::int64_t{1} << 31) + (std::int64_t{1} << 32),
                              (std::int64_t{1} << 53) + 1,
                              (std::int64_t{1} << 62) + 1,
                              std::numeric_limits<std::int64_t>::max() - 1};
  std::set<std::int64_t> keys, offsets;
  for (const auto id : ids) {
    EXPECT_TRUE(keys.insert(advisory_lock_key(with_id(id))).second) << id;
    EXPECT_TRUE(offsets.insert(lock_file_offset(with_id(id))).second) << id;
    EXPECT_EQ(lock_file_offset(with_id(id)), id);
    EXPECT_NE(advisory_lock_key(with_id(id)), id) << "namespaced, not the bare id";
  }
}

TEST(LockKey, TheAdvisoryKeyIsABijection) {
  // XOR with a constant: keys of consecutive ids differ exactly as the ids do.
  for (std::int64_t id = 1; id < 5000; ++id) {
    EXPECT_EQ(advisory_lock_key(with_id(id)) ^ advisory_lock_key(with_id(id + 1)), id ^ (id + 1));
  }
}

TEST(LockKey, ARepositoryWithoutAUsableGithubIdIsRefused) {
  for (const std::int64_t id :
       {std::int64_t{0}, std::int64_t{-5}, std::numeric_limits<std::int64_t>::max()}) {
    EXPECT_THROW(advisory_lock_key(with_id(id)), std::invalid_argument) << id;
    EXPECT_THROW(lock_file_offset(with_id(id)), std::invalid_argument) << id;
  }
}

}  // namespace
}  // namespace backfill::store
