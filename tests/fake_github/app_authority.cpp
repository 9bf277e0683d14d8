#include "fake_github/app_authority.hpp"
#include "fake_github/base64url.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace fake_github {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool signature_valid(const std::string& public_pem, const std::string& data,
                     const std::string& signature) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())), BIO_free);
  if (!bio) return false;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!key || !ctx) return false;
  return EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                          data.size()) == 1;
}

std::string random_token() {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[36];
  std::string token = "ghs_";
  // Real randomness: tokens must not be guessable from one another.
  std::FILE* random = std::fopen("/dev/urandom", "rb");
  if (random == nullptr || std::fread(bytes, 1, sizeof bytes, random) != sizeof bytes) {
    if (random) std::fclose(random);
    throw std::runtime_error("cannot read /dev/urandom");
  }
  std::fclose(random);
  for (unsigned char b : bytes) token += alphabet[b % 62];
  return token;
}

}  // namespace

void AppAuthority::set_app(std::int64_t app_id, const std::string& public_pem) {
  std::lock_guard lock(mutex_);
  app_id_ = app_id;
  public_pem_ = public_pem;
}

bool AppAuthority::configured() const {
  std::lock_guard lock(mutex_);
  return app_id_ != 0;
}

void AppAuthority::add_installation(const std::string& account, std::int64_t installation_id) {
  std::lock_guard lock(mutex_);
  installations_[lower(account)] = installation_id;
}

std::string AppAuthority::jwt_problem(const std::string& jwt, std::int64_t now) const {
  std::lock_guard lock(mutex_);
  const std::string undecodable = "A JSON web token could not be decoded";
  const auto first = jwt.find('.');
  const auto second = first == std::string::npos ? first : jwt.find('.', first + 1);
  if (second == std::string::npos) return undecodable;
  const auto claims_text = base64url_decode(jwt.substr(first + 1, second - first - 1));
  const auto signature = base64url_decode(jwt.substr(second + 1));
  if (!claims_text || !signature) return undecodable;
  auto claims = nlohmann::json::parse(*claims_text, nullptr, false);
  if (!claims.is_object()) return undecodable;
  if (!signature_valid(public_pem_, jwt.substr(0, second), *signature)) return undecodable;
  const auto& iss = claims.contains("iss") ? claims["iss"] : nlohmann::json();
  const bool issuer_ok = (iss.is_number_integer() && iss.get<std::int64_t>() == app_id_) ||
                         (iss.is_string() && iss.get<std::string>() == std::to_string(app_id_));
  if (!issuer_ok) return "'Issuer' claim ('iss') must be an Integer";
  if (!claims.contains("iat") || !claims["iat"].is_number_integer() ||
      claims["iat"].get<std::int64_t>() > now + 60) {
    return "'Issued at' claim ('iat') must be an Integer representing the time that the "
           "assertion was issued.";
  }
  if (!claims.contains("exp") || !claims["exp"].is_number_integer() ||
      claims["exp"].get<std::int64_t>() <= now) {
    return "'Expiration time' claim ('exp') must be a numeric value representing the future "
           "time at which the assertion expires.";
  }
  if (claims["exp"].get<std::int64_t>() > now + 600 + 60) {
    return "'Expiration time' claim ('exp') is too far in the future.";
  }
  return "";
}

std::optional<std::int64_t> AppAuthority::installation_of(const std::string& account) const {
  std::lock_guard lock(mutex_);
  auto found = installations_.find(lower(account));
  if (found == installations_.end()) return std::nullopt;
  return found->second;
}

bool AppAuthority::has_installation(std::int64_t installation_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& [account, id] : installations_)
    if (id == installation_id) return true;
  return false;
}

std::vector<std::pair<std::string, std::int64_t>> AppAuthority::installations() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::int64_t>> all(installations_.begin(),
                                                        installations_.end());
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return all;
}

std::pair<std::string, std::int64_t> AppAuthority::mint(std::int64_t installation_id,
                                                        std::int64_t now) {
  std::string token = random_token();
  std::lock_guard lock(mutex_);
  tokens_[token] = {installation_id, now + 3600};
  ++minted_;
  return {token, now + 3600};
}

std::optional<std::int64_t> AppAuthority::token_installation(const std::string& token,
                                                             std::int64_t now) const {
  std::lock_guard lock(mutex_);
  auto found = tokens_.find(token);
  if (found == tokens_.end() || now >= found->second.second) return std::nullopt;
  return found->second.first;
}

bool AppAuthority::is_installation_token(const std::string& token) const {
  return token.rfind("ghs_", 0) == 0;
}

std::int64_t AppAuthority::tokens_minted() const {
  std::lock_guard lock(mutex_);
  return minted_;
}

}  // namespace fake_github
