#include "store/url_secrets.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "backfill/core/redact.hpp"
#include "store/conninfo.hpp"

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

// The length of "scheme:" when `url` starts with an RFC 3986 scheme and a
// colon, with or without the "//" that should follow.
std::size_t scheme_prefix_length(std::string_view url) {
  if (url.empty() || !std::isalpha(static_cast<unsigned char>(url[0]))) return 0;
  for (std::size_t i = 1; i < url.size(); ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    if (c == ':') return i + 1;
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// The userinfo password up to the first and to the last '@' (a malformed
// URI, a password with an unencoded '@', may mean either).
void add_userinfo_passwords(std::string_view url, std::vector<std::string>& out) {
  const std::size_t scheme = scheme_prefix_length(url);
  if (scheme == 0 || url.substr(0, scheme) == "sqlite:") return;
  std::string_view rest = url.substr(scheme);
  if (rest.substr(0, 2) == "//") rest.remove_prefix(2);
  const std::string_view authority = rest.substr(0, rest.find('?'));
  const auto colon = authority.find(':');
  for (auto at : {authority.find('@'), authority.rfind('@')}) {
    if (colon != std::string_view::npos && at != std::string_view::npos && colon < at) {
      out.emplace_back(authority.substr(colon + 1, at - colon - 1));
    }
  }
}

// password= and sslpassword= wherever they are: query parameters of a URI,
// or in a malformed string; the value up to '&', and up to a blank.
void add_parameter_passwords(std::string_view url, std::vector<std::string>& out) {
  constexpr std::string_view kKey = "password=";
  for (auto pos = url.find(kKey); pos != std::string_view::npos; pos = url.find(kKey, pos + 1)) {
    const std::string_view value = url.substr(pos + kKey.size());
    out.emplace_back(value.substr(0, value.find('&')));
    out.emplace_back(value.substr(0, value.find_first_of("& \t\r\n")));
  }
}

}  // namespace

std::vector<std::string> database_passwords(std::string_view database_url) {
  std::vector<std::string> out;
  if (auto settings = parse_conninfo(database_url)) {
    for (const auto& setting : *settings) {
      if (setting.keyword == "password" || setting.keyword == "sslpassword") {
        out.push_back(setting.written);
        out.push_back(setting.value);
      }
    }
  } else {
    add_userinfo_passwords(database_url, out);
  }
  add_parameter_passwords(database_url, out);
  const std::size_t written = out.size();
  for (std::size_t i = 0; i < written; ++i) out.push_back(percent_decoded(out[i]));
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  // Longest first, so that no replacement leaves part of a longer form.
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void register_database_secrets(std::string_view database_url) {
  for (auto& password : database_passwords(database_url)) register_secret(std::move(password));
}

namespace {

void replace_all(std::string& text, const std::string& secret) {
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
    text.replace(pos, secret.size(), "***");
  }
}

}  // namespace

std::string scrub_database_error(std::string_view database_url, std::string message) {
  for (const auto& secret : database_passwords(database_url)) replace_all(message, secret);
  return redact(message);
}

std::string database_url_for_messages(std::string_view database_url) {
  return scrub_database_error(database_url, std::string(database_url));
}

}  // namespace backfill::store
