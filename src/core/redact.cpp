#include "backfill/core/redact.hpp"

#include <algorithm>
#include <mutex>
#include <regex>
#include <vector>

namespace backfill {

namespace {
std::mutex& secrets_mutex() {
  static std::mutex m;
  return m;
}
std::vector<std::string>& secrets() {
  static std::vector<std::string> s;
  return s;
}
}  // namespace

void register_secret(std::string secret) {
  // Very short values would redact ordinary words; GitHub tokens are 40+.
  if (secret.size() < 4) return;
  std::lock_guard lock(secrets_mutex());
  // Every GitHub client registers its token: keep one copy, or each log
  // line would scan it once per client ever made.
  auto& list = secrets();
  if (std::find(list.begin(), list.end(), secret) == list.end()) list.push_back(std::move(secret));
}

std::string redact(std::string_view text) {
  std::string out(text);
  {
    std::lock_guard lock(secrets_mutex());
    for (const auto& s : secrets()) {
      for (auto pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + 3)) {
        out.replace(pos, s.size(), "***");
      }
    }
  }
  // Credentials inside URLs (postgres://user:password@host, also a mistyped
  // postgres:user:password@host) and secret-bearing parameters: ?password=,
  // and libpq's password=value / password = 'quoted value' (not once more
  // after a registered secret became ***, which would swallow what follows).
  static const std::regex url_credentials(
      R"(([a-zA-Z][a-zA-Z0-9+.-]*:(?://)?[^/\s:@]*):[^@\s/]*@)");
  static const std::regex password_param(
      R"((password\s*=\s*)(?!\*\*\*)('(?:[^'\\]|\\.)*'?|[^&\s]*))", std::regex::icase);
  static const std::regex auth_header(R"((Authorization:\s*(?:Bearer|token|Basic)\s+)\S+)",
                                      std::regex::icase);
  out = std::regex_replace(out, url_credentials, "$1:***@");
  out = std::regex_replace(out, password_param, "$1***");
  out = std::regex_replace(out, auth_header, "$1***");
  return out;
}

}  // namespace backfill
