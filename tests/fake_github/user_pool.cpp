#include "fake_github/user_pool.hpp"

#include <array>
#include <string_view>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

constexpr std::array<std::string_view, 20> kNames = {
    "alice",   "bob",  "carol",  "dave",  "erin",   "frank", "grace", "heidi",  "ivan",   "judy",
    "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe"};
constexpr std::array<std::string_view, 5> kBots = {"dependabot", "renovate", "github-actions",
                                                   "codecov", "mergify"};

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

void append_url_field(std::string& out, std::string_view key, const std::string& prefix,
                      std::string_view suffix) {
  out += '"';
  out.append(key);
  out += "\":\"";
  append_json_escaped(out, prefix);
  out.append(suffix);
  out += "\",";
}

// GitHub's global node ids are base64 of a msgpack blob; a stable opaque
// token of the same look is enough for a client that stores it.
std::string node_id(std::string_view prefix, std::int64_t id) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string text(prefix);
  text += "_kgDO";
  auto value = static_cast<std::uint64_t>(id);
  for (int i = 0; i < 6; ++i) {
    text += kAlphabet[value % 62];
    value /= 62;
  }
  return text;
}

}  // namespace

std::string render_simple_user(const std::string& base_url, const Account& account) {
  std::string out;
  out.reserve(1200);
  // Like GitHub: bot logins ("name[bot]") are percent-encoded in API URLs
  // and their profile page is the app's.
  std::string url_login;
  for (const char c : account.login) {
    if (c == '[') {
      url_login += "%5B";
    } else if (c == ']') {
      url_login += "%5D";
    } else {
      url_login += c;
    }
  }
  const std::string api = base_url + "/users/" + url_login;
  const std::string html =
      account.bot ? "https://github.com/apps/" + account.login.substr(0, account.login.find('['))
                  : "https://github.com/" + account.login;
  out += "{\"login\":";
  append_json_string(out, account.login);
  out += ",\"id\":";
  append_int(out, account.id);
  out += ",\"node_id\":";
  append_json_string(out, node_id(account.bot ? "BOT" : "U", account.id));
  out += ",\"avatar_url\":\"https://avatars.githubusercontent.com/";
  if (account.bot) {
    out += "in/";
    append_int(out, account.id);
    out += "?v=4\",";
  } else {
    out += "u/";
    append_int(out, account.id);
    out += "?v=4\",";
  }
  out += "\"gravatar_id\":\"\",";
  append_url_field(out, "url", api, "");
  append_url_field(out, "html_url", html, "");
  append_url_field(out, "followers_url", api, "/followers");
  append_url_field(out, "following_url", api, "/following{/other_user}");
  append_url_field(out, "gists_url", api, "/gists{/gist_id}");
  append_url_field(out, "starred_url", api, "/starred{/owner}{/repo}");
  append_url_field(out, "subscriptions_url", api, "/subscriptions");
  append_url_field(out, "organizations_url", api, "/orgs");
  append_url_field(out, "repos_url", api, "/repos");
  append_url_field(out, "events_url", api, "/events{/privacy}");
  append_url_field(out, "received_events_url", api, "/received_events");
  out += account.bot ? "\"type\":\"Bot\"," : "\"type\":\"User\",";
  out += "\"user_view_type\":\"public\",\"site_admin\":false}";
  return out;
}

Account owner_account(const std::string& login) {
  std::string lower;
  for (const char c : login) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return Account{login, 50'000'000 + static_cast<std::int64_t>(fnv1a(lower) % 40'000'000), false};
}

UserPool::UserPool(const std::string& base_url) {
  accounts_.reserve(kSize);
  json_.reserve(kSize);
  for (std::size_t i = 0; i < kSize; ++i) {
    Account account;
    account.id = 100'000 + static_cast<std::int64_t>(i) * 7'919;
    if (i % 25 == 7) {
      account.bot = true;
      account.login = std::string(kBots[(i / 25) % kBots.size()]);
      if (i >= 25 * kBots.size()) account.login += "-" + std::to_string(i);
      account.login += "[bot]";
    } else {
      account.login = std::string(kNames[i % kNames.size()]) + "-dev";
      if (i >= kNames.size()) account.login += std::to_string(i);
    }
    json_.push_back(render_simple_user(base_url, account));
    accounts_.push_back(std::move(account));
  }
}

}  // namespace fake_github
