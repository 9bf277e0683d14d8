// RS256 through OpenSSL's libcrypto (EVP_DigestSign); nothing hand-written
// but the base64url text around it.
#include "backfill/github/app_jwt.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"

namespace backfill::github {

struct AppJwtSigner::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

bool is_numeric_id(const std::string& id) {
  if (id.empty() || id.size() > 18 || id[0] == '0') return false;
  for (char c : id)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Client IDs look like "Iv1.0123456789abcdef" or "Iv23liABCDEF...".
bool is_client_id(const std::string& id) {
  if (id.size() < 6 || id.size() > 64 || id.rfind("Iv", 0) != 0) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.') return false;
  return true;
}

// An encrypted key would make OpenSSL ask for a passphrase; there is none.
int no_passphrase(char*, int, int, void*) { return -1; }

// Every secret part of the PEM text: the whole, and each base64 line, so that
// not even a fragment of the key can reach a log.
void register_key_text(const std::string& pem) {
  register_secret(pem);
  std::size_t start = 0;
  while (start < pem.size()) {
    std::size_t end = pem.find('\n', start);
    if (end == std::string::npos) end = pem.size();
    std::string line = pem.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.size() >= 16 && line.rfind("-----", 0) != 0) register_secret(line);
    start = end + 1;
  }
}

}  // namespace

std::string base64url_encode(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
  }
  return out;
}

AppJwtSigner::AppJwtSigner(std::string app_id, const std::string& private_key_pem,
                           std::string key_source)
    : app_id_(std::move(app_id)), key_(std::make_unique<Key>()) {
  // Before anything can fail and print: the key is a secret from here on.
  register_key_text(private_key_pem);
  if (!is_numeric_id(app_id_) && !is_client_id(app_id_)) {
    throw UsageError(redact(std::string(kAppIdEnv) + ": '" + app_id_ +
                            "' is neither a GitHub App id (digits) nor a client ID (Iv...)"));
  }
  const std::string& where = key_source;
  if (private_key_pem.find("-----BEGIN") == std::string::npos) {
    throw UsageError(where +
                     ": not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----, "
                     "as GitHub's 'Generate a private key' downloads it)");
  }
  if (private_key_pem.find("ENCRYPTED") != std::string::npos) {
    throw UsageError(where + ": the private key is encrypted; give the key without a passphrase");
  }
  BIO* bio = BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size()));
  if (bio == nullptr) throw std::bad_alloc();
  key_->pkey = PEM_read_bio_PrivateKey(bio, nullptr, no_passphrase, nullptr);
  BIO_free(bio);
  if (key_->pkey == nullptr) {
    throw UsageError(where + ": the PEM private key cannot be read (damaged, or encrypted)");
  }
  if (EVP_PKEY_get_base_id(key_->pkey) != EVP_PKEY_RSA) {
    throw UsageError(where + ": not an RSA key (GitHub Apps sign with RS256)");
  }
}

AppJwtSigner::~AppJwtSigner() = default;
AppJwtSigner::AppJwtSigner(AppJwtSigner&&) noexcept = default;
AppJwtSigner& AppJwtSigner::operator=(AppJwtSigner&&) noexcept = default;

std::string AppJwtSigner::mint(SystemTime now) const {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  nlohmann::json claims = {
      {"iat", (seconds - kJwtBackdate).count()},
      {"exp", (seconds + kJwtLifetime).count()},
  };
  if (is_numeric_id(app_id_)) {
    claims["iss"] = std::stoll(app_id_);
  } else {
    claims["iss"] = app_id_;
  }
  const std::string signing_input =
      base64url_encode(R"({"alg":"RS256","typ":"JWT"})") + "." + base64url_encode(claims.dump());

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_->pkey) != 1 ||
      EVP_DigestSignUpdate(ctx.get(), signing_input.data(), signing_input.size()) != 1 ||
      EVP_DigestSignFinal(ctx.get(), nullptr, &length) != 1) {
    throw FatalError("signing the GitHub App JWT failed (OpenSSL)");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSignFinal(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length) !=
      1) {
    throw FatalError("signing the GitHub App JWT failed (OpenSSL)");
  }
  signature.resize(length);
  return signing_input + "." + base64url_encode(signature);
}

}  // namespace backfill::github
