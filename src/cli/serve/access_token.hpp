#pragma once
// `--read-only-token`: who may read the dashboard (pure). A browser cannot
// add a header to an EventSource, so besides `Authorization: Bearer TOKEN`
// the token is accepted once as `?token=TOKEN` (the server then sets it as
// an HttpOnly cookie and redirects to the same page without it, so it stays
// out of the address bar and history) and from that cookie afterwards.
#include <optional>
#include <string>

namespace backfill::cli::serve {

inline constexpr const char* kTokenCookie = "backfill_serve_token";

struct Credentials {
  std::optional<std::string> authorization;  // the Authorization header
  std::optional<std::string> cookie;         // the Cookie header
  std::optional<std::string> query_token;    // ?token=
};

enum class Access { kAllowed, kAllowedSetCookie, kDenied };

// kAllowedSetCookie: the token came as ?token= and was right.
Access check_access(const std::string& token, const Credentials& presented);

// Equality in time independent of where the texts differ.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace backfill::cli::serve
