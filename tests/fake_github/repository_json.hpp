#pragma once
// The repository-level JSON a repository serves unchanged for every request:
// the "Full Repository" of GET /repos/{owner}/{repo}, the "Repository" nested
// in every PR's head and base, its owner and its labels. Rendered once per
// change (creation, rename, PR count change, server start), never per PR.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fake_github/user_pool.hpp"

namespace fake_github {

inline constexpr std::size_t kLabelCount = 6;

struct RepositoryFacts {
  std::int64_t id = 0;
  std::string owner;
  std::string name;
  std::int64_t open_pulls = 0;
};

struct RepositoryRendering {
  std::int64_t id = 0;
  std::string full_name;  // "owner/name" as currently spelled
  std::string owner_login;
  std::string api_prefix;     // BASE/repos/owner/name
  std::string html_prefix;    // https://github.com/owner/name
  std::string full_json;      // GET /repos/{owner}/{repo}
  std::string embedded_json;  // head.repo / base.repo
  std::string owner_json;     // Simple User of the owner
  std::array<std::string, kLabelCount> label_json;
  std::shared_ptr<const UserPool> users;
};

// The name of generated label `index` (< kLabelCount), as label_json spells it.
std::string_view generated_label_name(std::size_t index);

std::shared_ptr<const RepositoryRendering> render_repository(const std::string& base_url,
                                                             const RepositoryFacts& facts,
                                                             std::shared_ptr<const UserPool> users);

}  // namespace fake_github
