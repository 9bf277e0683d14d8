#include "fake_github/depth_snapshot.hpp"

#include <algorithm>
#include <numeric>

namespace fake_github {

ChildContext DepthSnapshot::context(std::size_t index) const {
  const auto edits = review_comment_edits.find(pulls[index].number);
  return ChildContext{seed,
                      rendering->id,
                      pulls[index],
                      counts[index],
                      rendering->users->size(),
                      edits == review_comment_edits.end() ? nullptr : &edits->second};
}

std::optional<std::size_t> DepthSnapshot::find(std::int64_t number) const {
  const auto it =
      std::lower_bound(pulls.begin(), pulls.end(), number,
                       [](const PullRecord& p, std::int64_t n) { return p.number < n; });
  if (it == pulls.end() || it->number != number) return std::nullopt;
  return static_cast<std::size_t>(it - pulls.begin());
}

std::shared_ptr<const DepthSnapshot> make_depth_snapshot(
    std::shared_ptr<const RepositoryRendering> rendering, std::uint64_t seed,
    std::vector<PullRecord> pulls, std::vector<ChildCounts> counts,
    std::map<std::int64_t, ChildEdits> review_comment_edits) {
  auto snapshot = std::make_shared<DepthSnapshot>();
  snapshot->rendering = std::move(rendering);
  snapshot->seed = seed;
  snapshot->pulls = std::move(pulls);
  snapshot->counts = std::move(counts);
  snapshot->review_comment_edits = std::move(review_comment_edits);
  auto& order = snapshot->by_updated;
  order.resize(snapshot->pulls.size());
  std::iota(order.begin(), order.end(), 0u);
  const auto& all = snapshot->pulls;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return all[a].updated_at < all[b].updated_at;
  });
  return snapshot;
}

}  // namespace fake_github
