#pragma once
// A GitHub App as GitHub sees it: its public key (JWTs are verified with
// OpenSSL against it, and their iat/exp against the server's clock), its
// installations per account, and the installation tokens (ghs_...) it
// minted, each working until its expires_at, one hour after minting.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace fake_github {

class AppAuthority {
 public:
  // Replaces the App (one per server). `public_pem` is an RSA public key.
  void set_app(std::int64_t app_id, const std::string& public_pem);
  bool configured() const;
  void add_installation(const std::string& account, std::int64_t installation_id);

  // "" when `jwt` is a valid App JWT at `now`; else GitHub's 401 message.
  std::string jwt_problem(const std::string& jwt, std::int64_t now) const;
  std::optional<std::int64_t> installation_of(const std::string& account) const;
  bool has_installation(std::int64_t installation_id) const;
  // Every installation as (account, id), in installation id order.
  std::vector<std::pair<std::string, std::int64_t>> installations() const;
  // {token, expires_at epoch}.
  std::pair<std::string, std::int64_t> mint(std::int64_t installation_id, std::int64_t now);
  // The installation a token belongs to while it is valid; nullopt when the
  // token is unknown or expired.
  std::optional<std::int64_t> token_installation(const std::string& token, std::int64_t now) const;
  bool is_installation_token(const std::string& token) const;
  std::int64_t tokens_minted() const;

 private:
  mutable std::mutex mutex_;
  std::int64_t app_id_ = 0;
  std::string public_pem_;
  std::map<std::string, std::int64_t> installations_;                    // lower-cased account
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> tokens_;  // installation, expiry
  std::int64_t minted_ = 0;
};

}  // namespace fake_github
