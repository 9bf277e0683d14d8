#include "store/url_secrets.hpp"

#include <algorithm>
#include <vector>

#include "backfill/core/redact.hpp"

namespace backfill::store {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Every string that may be the password: the userinfo after the first ':'
// up to the first and to the last '@' (a malformed URI may hold either), and
// each password= parameter.
std::vector<std::string> password_candidates(std::string_view url) {
  std::vector<std::string> out;
  auto scheme_end = url.find("://");
  if (scheme_end != std::string_view::npos) {
    std::string_view rest = url.substr(scheme_end + 3);
    auto query_start = rest.find('?');
    std::string_view authority = rest.substr(0, query_start);
    auto colon = authority.find(':');
    for (auto at : {authority.find('@'), authority.rfind('@')}) {
      if (colon != std::string_view::npos && at != std::string_view::npos && colon < at) {
        out.emplace_back(authority.substr(colon + 1, at - colon - 1));
      }
    }
  }
  for (std::size_t pos = url.find("password="); pos != std::string_view::npos;
       pos = url.find("password=", pos + 1)) {
    std::string_view value = url.substr(pos + 9);
    out.emplace_back(value.substr(0, value.find('&')));
  }
  std::vector<std::string> decoded;
  decoded.reserve(out.size());
  for (const auto& candidate : out) decoded.push_back(percent_decoded(candidate));
  out.insert(out.end(), decoded.begin(), decoded.end());
  // Longest first, so that no replacement leaves part of a longer form.
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

void replace_all(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
    text.replace(pos, secret.size(), "***");
  }
}

}  // namespace

std::string scrub_database_error(std::string_view database_url, std::string message) {
  for (const auto& secret : password_candidates(database_url)) replace_all(message, secret);
  return redact(message);
}

}  // namespace backfill::store
