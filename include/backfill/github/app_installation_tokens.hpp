#pragma once
// A GitHub App's installation tokens: the installation of each repository's
// owner found once (GET /repos/{o}/{r}/installation, signed with the App's
// JWT), a token minted per installation (POST
// /app/installations/{id}/access_tokens) with only the permissions asked
// for, kept in memory, and minted anew 5 minutes before it expires or once
// after GitHub rejects it.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/clock.hpp"
#include "backfill/github/app_jwt.hpp"
#include "backfill/github/http.hpp"
#include "backfill/github/token_source.hpp"

namespace backfill::github {

// Renewed this long before `expires_at`, so that no request (nor one retried
// after a long rate-limit wait of a few minutes) goes out with a stale token.
inline constexpr std::chrono::minutes kTokenRenewBefore{5};

struct AppAuthParams {
  std::string api_url = "https://api.github.com";  // no trailing slash
  std::string user_agent;
  // GITHUB_APP_INSTALLATION_ID: every request uses it, no lookup.
  std::optional<std::int64_t> installation_id;
  // e.g. {"pull_requests":"read","metadata":"read"}; as a JSON object text.
  std::string permissions_json = R"({"pull_requests":"read","metadata":"read"})";
  // Told every token the moment it is minted (the CLI masks it under Actions).
  std::function<void(const std::string&)> on_secret;
};

class AppInstallationTokens final : public TokenSource {
 public:
  AppInstallationTokens(AppJwtSigner signer, AppAuthParams params, HttpTransport& transport,
                        Clock& clock);

  std::string authorization(const std::string& url) override;
  bool rejected(const std::string& url) override;

  // The installation the next request to `url` is sent as (looked up when
  // needed). Throws GitHubError (kNotFound) when the App is not installed.
  std::int64_t installation_for(const std::string& url);

  struct Installation {
    std::int64_t id = 0;
    std::string account;  // the login of the user or organization it is installed on
  };
  // Every installation of the App (GET /app/installations, every page).
  std::vector<Installation> installations();
  // Requests that name no repository (GET /rate_limit) go as `installation`
  // from now on.
  void use_installation(std::int64_t installation) { current_ = installation; }
  std::int64_t tokens_minted() const { return minted_; }

 private:
  struct Token {
    std::string value;
    SystemTime expires_at;
  };

  std::int64_t lookup_installation(const std::string& owner, const std::string& repo);
  std::int64_t sole_installation();
  const Token& token_for(std::int64_t installation);
  Token mint(std::int64_t installation);
  HttpResponse send_as_app(const std::string& method, const std::string& path,
                           const std::string& body);

  AppJwtSigner signer_;
  AppAuthParams params_;
  HttpTransport& transport_;
  Clock& clock_;
  std::map<std::string, std::int64_t> installation_by_owner_;  // lower-cased login
  std::map<std::int64_t, Token> tokens_;
  // URLs that name no owner (a Link's /repositories/{id}/..., /rate_limit)
  // go as the installation last resolved: a run starts with its repository.
  std::optional<std::int64_t> current_;
  std::int64_t minted_ = 0;
};

}  // namespace backfill::github
