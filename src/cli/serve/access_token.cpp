#include "cli/serve/access_token.hpp"

namespace backfill::cli::serve {

namespace {

std::optional<std::string> cookie_value(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const auto first = part.find_first_not_of(' ');
    part = first == std::string::npos ? "" : part.substr(first);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace

bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

Access check_access(const std::string& token, const Credentials& presented) {
  constexpr std::string_view kBearer = "Bearer ";
  if (presented.authorization &&
      presented.authorization->compare(0, kBearer.size(), kBearer) == 0 &&
      same_secret(presented.authorization->substr(kBearer.size()), token)) {
    return Access::kAllowed;
  }
  if (presented.cookie) {
    const auto value = cookie_value(*presented.cookie, kTokenCookie);
    if (value && same_secret(*value, token)) return Access::kAllowed;
  }
  if (presented.query_token && same_secret(*presented.query_token, token)) {
    return Access::kAllowedSetCookie;
  }
  return Access::kDenied;
}

}  // namespace backfill::cli::serve
