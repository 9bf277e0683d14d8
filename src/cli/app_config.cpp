// The GitHub App's settings, from the environment only: a private key has no
// business on a command line, where `ps` and shell histories would show it.
#include <fstream>
#include <sstream>

#include "backfill/cli/config.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/github/app_jwt.hpp"

namespace backfill::cli {
namespace {

std::optional<std::string> non_empty(const EnvLookup& env, const char* name) {
  auto value = env(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::int64_t installation_id(const std::string& text) {
  std::size_t used = 0;
  long long id = 0;
  try {
    id = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || id <= 0 || text.empty() || !std::isdigit((unsigned char)text[0])) {
    throw UsageError("GITHUB_APP_INSTALLATION_ID: '" + text +
                     "' is not an installation id (a positive number)");
  }
  return id;
}

}  // namespace

KeyFileReader key_file_reader() {
  return [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw UsageError(std::string(github::kAppKeyFromPath) + ": cannot read '" + path + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
}

std::optional<AppConfig> app_config_from(const EnvLookup& env, const KeyFileReader& read_key) {
  const auto id = non_empty(env, github::kAppIdEnv);
  const auto key = non_empty(env, github::kAppKeyFromEnv);
  const auto path = non_empty(env, github::kAppKeyFromPath);
  const auto installation = non_empty(env, "GITHUB_APP_INSTALLATION_ID");
  if (key) register_secret(*key);  // before any message could quote it
  if (!id && !key && !path && !installation) return std::nullopt;
  if (!id) {
    throw UsageError(std::string(github::kAppIdEnv) +
                     " is not set, but other GITHUB_APP_* variables are: set it to the App's id");
  }
  if (key && path) {
    throw UsageError(
        "GITHUB_APP_PRIVATE_KEY and GITHUB_APP_PRIVATE_KEY_PATH are both set: set one");
  }
  if (!key && !path) {
    throw UsageError(
        "GITHUB_APP_ID is set without a key: set GITHUB_APP_PRIVATE_KEY (the PEM text) or "
        "GITHUB_APP_PRIVATE_KEY_PATH");
  }
  AppConfig app;
  app.id = *id;
  app.key_source = key ? github::kAppKeyFromEnv : github::kAppKeyFromPath;
  app.private_key = key ? *key : read_key(*path);
  if (installation) app.installation_id = installation_id(*installation);
  // Validates the id and the key (UsageError naming which) and registers
  // every line of the key as a secret.
  github::AppJwtSigner check(app.id, app.private_key, app.key_source);
  return app;
}

}  // namespace backfill::cli
