#include "store/conninfo.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace backfill::store {

namespace {

// libpq's connection keywords (PostgreSQL 16, "Parameter Key Words").
constexpr std::string_view kKeywords[] = {"host",
                                          "hostaddr",
                                          "port",
                                          "dbname",
                                          "user",
                                          "password",
                                          "passfile",
                                          "require_auth",
                                          "channel_binding",
                                          "connect_timeout",
                                          "client_encoding",
                                          "options",
                                          "application_name",
                                          "fallback_application_name",
                                          "keepalives",
                                          "keepalives_idle",
                                          "keepalives_interval",
                                          "keepalives_count",
                                          "tcp_user_timeout",
                                          "replication",
                                          "gssencmode",
                                          "sslmode",
                                          "requiressl",
                                          "sslcompression",
                                          "sslcert",
                                          "sslkey",
                                          "sslpassword",
                                          "sslcertmode",
                                          "sslrootcert",
                                          "sslcrl",
                                          "sslcrldir",
                                          "sslsni",
                                          "requirepeer",
                                          "ssl_min_protocol_version",
                                          "ssl_max_protocol_version",
                                          "krbsrvname",
                                          "gsslib",
                                          "gssdelegation",
                                          "service",
                                          "target_session_attrs",
                                          "load_balance_hosts"};

bool is_blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::optional<std::vector<ConninfoSetting>> parse_conninfo(std::string_view text) {
  std::vector<ConninfoSetting> settings;
  std::size_t i = 0;
  auto skip_blanks = [&] {
    while (i < text.size() && is_blank(text[i])) ++i;
  };
  skip_blanks();
  while (i < text.size()) {
    ConninfoSetting setting;
    const std::size_t keyword_start = i;
    while (i < text.size() && text[i] != '=' && !is_blank(text[i])) ++i;
    setting.keyword = std::string(text.substr(keyword_start, i - keyword_start));
    skip_blanks();
    const bool has_equals = i < text.size() && text[i] == '=';
    if (settings.empty()) {
      const bool known = std::find(std::begin(kKeywords), std::end(kKeywords), setting.keyword) !=
                         std::end(kKeywords);
      if (!known || !has_equals) return std::nullopt;
    }
    if (!has_equals) break;  // malformed after a valid start: libpq will say so
    ++i;
    skip_blanks();
    const std::size_t value_start = i;
    if (i < text.size() && text[i] == '\'') {
      ++i;
      const std::size_t inner_start = i;
      while (i < text.size() && text[i] != '\'') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        setting.value.push_back(text[i++]);
      }
      setting.written = std::string(text.substr(inner_start, i - inner_start));
      if (i < text.size()) ++i;  // the closing quote
    } else {
      while (i < text.size() && !is_blank(text[i])) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        setting.value.push_back(text[i++]);
      }
      setting.written = std::string(text.substr(value_start, i - value_start));
    }
    settings.push_back(std::move(setting));
    skip_blanks();
  }
  if (settings.empty()) return std::nullopt;
  return settings;
}

}  // namespace backfill::store
