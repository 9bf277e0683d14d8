#pragma once
#include <string>
#include <string_view>

namespace backfill::store {

// `message` (typically a libpq error) with the password of `database_url`
// removed in every form it could appear (as written, percent-decoded, or
// from a ?password= parameter), then passed through backfill::redact.
// libpq may echo parts of a malformed URI, so redact() alone, which only
// recognises "user:password@", is not enough.
std::string scrub_database_error(std::string_view database_url, std::string message);

}  // namespace backfill::store
