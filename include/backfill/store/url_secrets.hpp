#pragma once
// The password a database URL carries, in every form it can take, so that
// no message, log line or JSON result ever shows it.
#include <string>
#include <string_view>
#include <vector>

namespace backfill::store {

// Every string of `database_url` that is its password, longest first: as
// written (percent-encoded, or inside quotes) and as libpq reads it. It
// finds the userinfo of postgres://user:PASSWORD@host (also of a mistyped
// postgres:user:PASSWORD@host), the password= and sslpassword= query
// parameters, and the password / sslpassword keywords of a libpq
// keyword/value string (password='quoted secret').
std::vector<std::string> database_passwords(std::string_view database_url);

// Registers each with backfill::register_secret: every later redact() call,
// hence every log line and error message, hides it. Passwords shorter than
// register_secret's minimum are left to redact()'s patterns
// (user:***@, password=***).
void register_database_secrets(std::string_view database_url);

// `database_url` with its password replaced by "***", for messages.
std::string database_url_for_messages(std::string_view database_url);

}  // namespace backfill::store
