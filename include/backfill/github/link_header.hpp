#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace backfill::github {

// RFC 8288 Link header as GitHub sends it:
//   <https://api.github.com/repositories/1/pulls?page=2>; rel="next", <...>; rel="last"
// Returns rel -> URL. A link with several space-separated rels is entered
// under each. Malformed parts are skipped, never thrown on.
std::map<std::string, std::string> parse_link_header(std::string_view header);

// Value of the `page` query parameter of a URL, if any.
std::optional<long> page_param(std::string_view url);

}  // namespace backfill::github
