// The App's JWT: signed with RS256 so that an independent implementation
// (the openssl command) accepts it, with the claims GitHub requires, and a
// bad key or id refused as a usage error naming the setting.
#include "backfill/github/app_jwt.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "fake_github/base64url.hpp"
#include "support/app_key.hpp"

namespace backfill::github {
namespace {

using testing::ScratchTree;

// The JWT's parts, decoded; throws on one that is not base64url.
std::string base64url_decode(const std::string& text) {
  auto decoded = fake_github::base64url_decode(text);
  if (!decoded) throw std::invalid_argument("not base64url");
  return *decoded;
}

struct Parts {
  std::string signing_input, header, claims, signature;
};

Parts split(const std::string& jwt) {
  auto first = jwt.find('.');
  auto second = jwt.find('.', first + 1);
  return {jwt.substr(0, second), base64url_decode(jwt.substr(0, first)),
          base64url_decode(jwt.substr(first + 1, second - first - 1)),
          base64url_decode(jwt.substr(second + 1))};
}

const SystemTime kNow{std::chrono::seconds(1'700'000'000)};

TEST(AppJwt, OpensslVerifiesTheSignatureAndRejectsAnAlteredToken) {
  ScratchTree dir;
  auto key = testing::generate_test_app_key(dir);
  AppJwtSigner signer("123456", key.private_pem, kAppKeyFromPath);
  auto parts = split(signer.mint(kNow));
  dir.write("data.txt", parts.signing_input);
  dir.write("sig.bin", parts.signature);
  auto ok = testing::run_openssl(
      dir, {"dgst", "-sha256", "-verify", "app-pub.pem", "-signature", "sig.bin", "data.txt"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("Verified OK"), std::string::npos) << ok.out;

  dir.write("data.txt", parts.signing_input + "x");
  auto altered = testing::run_openssl(
      dir, {"dgst", "-sha256", "-verify", "app-pub.pem", "-signature", "sig.bin", "data.txt"});
  EXPECT_NE(altered.exit_code, 0) << altered.out;
}

TEST(AppJwt, ClaimsAreWhatGitHubRequires) {
  ScratchTree dir;
  auto key = testing::generate_test_app_key(dir);
  auto parts = split(AppJwtSigner("123456", key.private_pem).mint(kNow));
  auto header = nlohmann::json::parse(parts.header);
  EXPECT_EQ(header["alg"], "RS256");
  EXPECT_EQ(header["typ"], "JWT");
  auto claims = nlohmann::json::parse(parts.claims);
  EXPECT_EQ(claims["iat"], 1'700'000'000 - 60);
  EXPECT_EQ(claims["exp"], 1'700'000'000 + 9 * 60);
  EXPECT_LE(claims["exp"].get<long>() - claims["iat"].get<long>(), 600);
  EXPECT_EQ(claims["iss"], 123456);

  auto by_client_id = split(AppJwtSigner("Iv1.0123abcd4567ef89", key.private_pem).mint(kNow));
  EXPECT_EQ(nlohmann::json::parse(by_client_id.claims)["iss"], "Iv1.0123abcd4567ef89");
}

TEST(AppJwt, TheKeyIsASecretEvenWhenItIsRefused) {
  ScratchTree dir;
  auto key = testing::generate_test_app_key(dir);
  EXPECT_THROW(AppJwtSigner("not an id", key.private_pem), UsageError);
  auto body_line = key.private_pem.substr(key.private_pem.find('\n') + 1, 64);
  EXPECT_EQ(redact("leaked: " + body_line), "leaked: ***");
}

std::string usage_error(const std::string& id, const std::string& pem, const char* source) {
  try {
    AppJwtSigner signer(id, pem, source);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(AppJwt, ABadIdOrKeyIsAUsageErrorNamingTheSetting) {
  ScratchTree dir;
  auto key = testing::generate_test_app_key(dir);
  EXPECT_NE(usage_error("12ab", key.private_pem, kAppKeyFromEnv).find("GITHUB_APP_ID"),
            std::string::npos);
  EXPECT_NE(usage_error("", key.private_pem, kAppKeyFromEnv).find("GITHUB_APP_ID"),
            std::string::npos);

  auto not_pem = usage_error("1", "ghp_this_is_a_token_not_a_key", kAppKeyFromEnv);
  EXPECT_NE(not_pem.find("GITHUB_APP_PRIVATE_KEY:"), std::string::npos) << not_pem;
  EXPECT_NE(not_pem.find("not a PEM"), std::string::npos) << not_pem;

  ASSERT_EQ(testing::run_openssl(dir, {"genrsa", "-aes256", "-passout", "pass:test-only", "-out",
                                       "encrypted.pem", "2048"})
                .exit_code,
            0);
  auto encrypted = usage_error("1", dir.read("encrypted.pem"), kAppKeyFromPath);
  EXPECT_NE(encrypted.find("GITHUB_APP_PRIVATE_KEY_PATH:"), std::string::npos) << encrypted;
  EXPECT_NE(encrypted.find("encrypted"), std::string::npos) << encrypted;

  ASSERT_EQ(testing::run_openssl(dir, {"genpkey", "-algorithm", "EC", "-pkeyopt",
                                       "ec_paramgen_curve:P-256", "-out", "ec.pem"})
                .exit_code,
            0);
  auto ec = usage_error("1", dir.read("ec.pem"), kAppKeyFromEnv);
  EXPECT_NE(ec.find("not an RSA key"), std::string::npos) << ec;

  std::string damaged = key.private_pem;
  damaged[damaged.size() / 2] = damaged[damaged.size() / 2] == 'A' ? 'B' : 'A';
  damaged.erase(damaged.size() / 2 + 10, 200);
  auto broken = usage_error("1", damaged, kAppKeyFromEnv);
  EXPECT_NE(broken.find("GITHUB_APP_PRIVATE_KEY:"), std::string::npos) << broken;
}

TEST(AppJwt, Base64UrlHasNoPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");
}

}  // namespace
}  // namespace backfill::github
