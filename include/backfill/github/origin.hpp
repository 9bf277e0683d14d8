#pragma once
// Where the token may go: the origins (scheme, host, port) of the API the
// user named, and nowhere else. Any URL taken from a reply (a Link header,
// later a GraphQL endpoint) is checked against them before it is requested
// with the token. Pure: no I/O, no DNS.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backfill::github {

struct Origin {
  std::string scheme;  // "http" or "https", lower-cased
  std::string host;    // lower-cased; an IPv6 literal keeps its brackets
  int port = 0;        // explicit, or the scheme's default (443, 80)

  bool operator==(const Origin&) const = default;
  std::string text() const;  // "https://api.github.com" (the port only when not the default)
};

// The origin of an absolute http(s) URL; nullopt when it is not one, or when
// it carries userinfo ("https://user@host/": a classic way to disguise the
// real host), an empty or malformed host, or a port outside 1-65535.
std::optional<Origin> parse_origin(std::string_view url);

// True when `url` parses and its origin is one of `allowed`. An https origin
// never allows the http URL of the same host (no downgrade).
bool url_has_allowed_origin(std::string_view url, const std::vector<Origin>& allowed);

}  // namespace backfill::github
