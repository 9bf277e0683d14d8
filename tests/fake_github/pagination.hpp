#pragma once
// The list endpoints' query parameters and GitHub's Link header.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fake_github/repository_model.hpp"

namespace fake_github {

inline constexpr std::int64_t kDefaultPerPage = 30;
inline constexpr std::int64_t kMaxPerPage = 100;

// GitHub's defaults: state=open, sort=created, direction=desc for created
// and asc otherwise, per_page 30 (over 100 is clamped), page 1. Values it
// does not understand fall back to the defaults.
PageRequest parse_page_request(const std::multimap<std::string, std::string>& params);

// The Link header for page `page` of `last_page`, or "" when there is none
// (everything on the first page). URLs point at
// `base_url`/repositories/{id}/pulls with the caller's raw query, its page
// parameter replaced, like api.github.com. Relations in GitHub's order:
// prev, next, last, first.
std::string pulls_link_header(const std::string& base_url, std::int64_t repository_id,
                              std::string_view raw_query, std::int64_t page,
                              std::int64_t last_page);

}  // namespace fake_github
