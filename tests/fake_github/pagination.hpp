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
// The same for another listing under the repository, `resource` being the
// path after /repositories/{id}, e.g. "issues" or "issues/7/comments".
std::string repository_link_header(const std::string& base_url, std::int64_t repository_id,
                                   std::string_view resource, std::string_view raw_query,
                                   std::int64_t page, std::int64_t last_page);
// How many pages `total` items fill, at least one (an empty first page).
std::int64_t page_count(std::int64_t total, std::int64_t per_page);
// The [first, end) item positions of page `page` (1-based), within
// [0, total] whatever the page number.
struct PageBounds {
  std::int64_t first = 0;
  std::int64_t end = 0;
};
PageBounds page_bounds(std::int64_t total, std::int64_t per_page, std::int64_t page);

}  // namespace fake_github
