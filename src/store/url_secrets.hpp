#pragma once
#include <string>
#include <string_view>

#include "backfill/store/url_secrets.hpp"

namespace backfill::store {

// `message` (typically a libpq error) with the password of `database_url`
// removed in every form it could appear (database_passwords), however short,
// then passed through backfill::redact. libpq may echo parts of a malformed
// URI, so redact() alone, which only recognises patterns such as
// "user:password@", is not enough.
std::string scrub_database_error(std::string_view database_url, std::string message);

}  // namespace backfill::store
