#pragma once
// Text from GitHub or the database into HTML: every character that could
// open markup or leave an attribute value is replaced by its entity.
#include <string>
#include <string_view>

namespace backfill::cli::serve {

// & < > " ' as entities; the result is safe in element text and in a
// quoted attribute value.
std::string escape_html(std::string_view text);

// A path segment of /repos/OWNER/NAME: percent-encodes every byte outside
// RFC 3986's unreserved set.
std::string encode_path_segment(std::string_view text);

}  // namespace backfill::cli::serve
