#pragma once
// "Pull Request Simple" objects, rendered by string building: the constant
// parts (repository, owner, users, labels) come pre-rendered, the rest is
// derived from the compact PullRecord on demand.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fake_github/pull_generation.hpp"
#include "fake_github/repository_json.hpp"

namespace fake_github {

std::int64_t pull_global_id(std::int64_t repository_id, std::int64_t number);
// The PR author's author_association, the same wherever the PR is shown.
std::string_view pull_author_association(std::int64_t repository_id, std::uint64_t seed,
                                         const PullRecord& pull);

void append_pull_json(std::string& out, const RepositoryRendering& repo, std::uint64_t seed,
                      const PullRecord& pull);

// A JSON array of the given pulls, in the given order.
std::string render_pull_array(const RepositoryRendering& repo, std::uint64_t seed,
                              const std::vector<PullRecord>& pulls);

}  // namespace fake_github
