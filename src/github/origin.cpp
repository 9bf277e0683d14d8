#include "backfill/github/origin.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace backfill::github {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// RFC 3986 reg-name as DNS uses it: letters, digits, '-' and '.'. Anything
// else (percent-escapes, backslashes, spaces) is how hosts get disguised.
bool is_host_name(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.';
  });
}

bool is_ipv6_literal(std::string_view inside) {
  return !inside.empty() && std::all_of(inside.begin(), inside.end(), [](unsigned char c) {
    return std::isxdigit(c) || c == ':' || c == '.';
  });
}

}  // namespace

std::string Origin::text() const {
  const int default_port = scheme == "https" ? 443 : 80;
  return scheme + "://" + host + (port == default_port ? "" : ":" + std::to_string(port));
}

std::optional<Origin> parse_origin(std::string_view url) {
  const auto separator = url.find("://");
  if (separator == std::string_view::npos) return std::nullopt;
  Origin origin;
  origin.scheme = lower(url.substr(0, separator));
  if (origin.scheme == "https") {
    origin.port = 443;
  } else if (origin.scheme == "http") {
    origin.port = 80;
  } else {
    return std::nullopt;
  }
  std::string_view authority = url.substr(separator + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return std::nullopt;

  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || !is_ipv6_literal(authority.substr(1, close - 1)))
      return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (!is_host_name(host)) return std::nullopt;
  }
  if (!port.empty() || authority.find(':', host.size()) != std::string_view::npos) {
    int number = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || number < 1 ||
        number > 65535)
      return std::nullopt;
    origin.port = number;
  }
  origin.host = lower(host);
  return origin;
}

bool url_has_allowed_origin(std::string_view url, const std::vector<Origin>& allowed) {
  const auto origin = parse_origin(url);
  return origin && std::find(allowed.begin(), allowed.end(), *origin) != allowed.end();
}

}  // namespace backfill::github
