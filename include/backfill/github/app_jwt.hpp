#pragma once
// The JSON Web Token a GitHub App signs to speak as itself (RS256, the App's
// private key): what GitHub wants before it hands out installation tokens.
#include <memory>
#include <string>

#include "backfill/core/clock.hpp"

namespace backfill::github {

// Where the key came from, so that a bad one is reported under the name the
// administrator set.
inline constexpr const char* kAppKeyFromEnv = "GITHUB_APP_PRIVATE_KEY";
inline constexpr const char* kAppKeyFromPath = "GITHUB_APP_PRIVATE_KEY_PATH";
inline constexpr const char* kAppIdEnv = "GITHUB_APP_ID";

// GitHub accepts at most 10 minutes between iat and exp; iat is set 60 s in
// the past against clock drift, as GitHub recommends.
inline constexpr std::chrono::seconds kJwtBackdate{60};
inline constexpr std::chrono::seconds kJwtLifetime{9 * 60};

class AppJwtSigner {
 public:
  // `app_id` is the App's numeric id or its client ID ("Iv1.abc...", "Iv23...").
  // Throws UsageError naming GITHUB_APP_ID, or `key_source`, when the id is
  // malformed or the key is not an unencrypted PEM RSA private key.
  AppJwtSigner(std::string app_id, const std::string& private_key_pem,
               std::string key_source = kAppKeyFromEnv);
  ~AppJwtSigner();
  AppJwtSigner(AppJwtSigner&&) noexcept;
  AppJwtSigner& operator=(AppJwtSigner&&) noexcept;

  // header.claims.signature, valid from now-60 s to now+9 min.
  std::string mint(SystemTime now) const;
  const std::string& app_id() const { return app_id_; }

 private:
  struct Key;
  std::string app_id_;
  std::unique_ptr<Key> key_;
};

// RFC 4648 section 5, without padding.
std::string base64url_encode(const std::string& bytes);

}  // namespace backfill::github
