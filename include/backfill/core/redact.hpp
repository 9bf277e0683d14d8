#pragma once
#include <string>
#include <string_view>

namespace backfill {

// Registers a secret (the token); every later redact() call replaces it.
void register_secret(std::string secret);
// Replaces registered secrets and credentials in URLs (user:password@) with
// "***". Every log line and stored error message passes through this.
std::string redact(std::string_view text);

}  // namespace backfill
