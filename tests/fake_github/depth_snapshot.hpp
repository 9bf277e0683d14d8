#pragma once
// One repository's pull requests with their child counts, frozen at a
// change: the depth endpoints (REST review listings, the GraphQL data) page
// through it without holding the repository store's lock.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "fake_github/pull_children.hpp"
#include "fake_github/repository_json.hpp"

namespace fake_github {

struct DepthSnapshot {
  std::shared_ptr<const RepositoryRendering> rendering;
  std::uint64_t seed = 0;
  std::vector<PullRecord> pulls;                            // creation order, so sorted by number
  std::vector<ChildCounts> counts;                          // counts[i] belongs to pulls[i]
  std::vector<std::uint32_t> by_updated;                    // indexes by (updated_at, number)
  std::map<std::int64_t, ChildEdits> review_comment_edits;  // by PR number

  ChildContext context(std::size_t index) const;
  std::optional<std::size_t> find(std::int64_t number) const;
};

std::shared_ptr<const DepthSnapshot> make_depth_snapshot(
    std::shared_ptr<const RepositoryRendering> rendering, std::uint64_t seed,
    std::vector<PullRecord> pulls, std::vector<ChildCounts> counts,
    std::map<std::int64_t, ChildEdits> review_comment_edits = {});

}  // namespace fake_github
