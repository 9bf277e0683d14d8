#pragma once
// The one form of time both engines store: GitHub's ISO-8601 UTC
// "YYYY-MM-DDTHH:MM:SSZ". SQLite keeps it as text (and compares it as
// text), PostgreSQL parses it into TIMESTAMP; a value outside this form
// would be kept by one and refused, or read differently, by the other, so
// it is refused before either sees it.
#include <string_view>

namespace backfill::store {

// True for "YYYY-MM-DDTHH:MM:SSZ" naming a real calendar moment (month
// 01-12, a day the month has, leap years included, hour 00-23, minute and
// second 00-59).
bool is_utc_timestamp(std::string_view text);

}  // namespace backfill::store
