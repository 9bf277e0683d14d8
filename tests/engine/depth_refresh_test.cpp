// The pure half of a refresh of a depth scope: how the PRs a walk met
// compare with the stored ones (new, changed, or as stored).
#include <gtest/gtest.h>

#include "engine/depth_refresh.hpp"

namespace backfill::engine {
namespace {

PullRequest pull(std::int64_t id, const std::string& updated_at) {
  PullRequest p;
  p.github_id = id;
  p.updated_at = updated_at;
  return p;
}

TEST(DepthRefreshVersions, AbsentIsNewAnotherUpdatedAtIsChangedTheSameIsNeither) {
  const std::map<std::int64_t, std::string> stored = {{1, "2026-01-01T00:00:00Z"},
                                                      {2, "2026-01-01T00:00:00Z"}};
  const auto v = compare_versions({pull(1, "2026-01-01T00:00:00Z"), pull(2, "2026-02-01T00:00:00Z"),
                                   pull(3, "2026-02-01T00:00:00Z")},
                                  stored);
  EXPECT_EQ(v.changed, 2);
  EXPECT_EQ(v.inserted, 1);
  EXPECT_EQ(compare_versions({}, stored).changed, 0);
  EXPECT_EQ(compare_versions({pull(1, "2026-01-01T00:00:00Z")}, {}).inserted, 1);
}

}  // namespace
}  // namespace backfill::engine
