// The GitHub App's settings: from the environment only, the key from its
// text or its file, every mistake a usage error naming the variable.
#include <gtest/gtest.h>

#include <map>

#include "backfill/cli/config.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/errors.hpp"
#include "support/app_key.hpp"

namespace backfill::cli {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

struct AppConfigTest : ::testing::Test {
  testing::ScratchTree dir;
  testing::TestAppKey key = testing::generate_test_app_key(dir);

  std::string error_for(std::map<std::string, std::string> vars) {
    try {
      resolve_config({}, env_of(std::move(vars)));
    } catch (const UsageError& e) {
      return e.what();
    }
    return "(accepted)";
  }
};

TEST_F(AppConfigTest, NoAppWithoutItsVariables) {
  EXPECT_FALSE(resolve_config({}, env_of({{"GITHUB_TOKEN", "ghp_x"}})).app);
}

TEST_F(AppConfigTest, KeyTextOrKeyFileAndAnInstallation) {
  auto from_text = resolve_config(
      {}, env_of({{"GITHUB_APP_ID", "99"}, {"GITHUB_APP_PRIVATE_KEY", key.private_pem}}));
  ASSERT_TRUE(from_text.app);
  EXPECT_EQ(from_text.app->id, "99");
  EXPECT_EQ(from_text.app->private_key, key.private_pem);
  EXPECT_FALSE(from_text.app->installation_id);

  auto from_file = resolve_config(
      {}, env_of({{"GITHUB_APP_ID", "Iv1.abcdef0123456789"},
                  {"GITHUB_APP_PRIVATE_KEY_PATH", (dir.root() / "app-key.pem").string()},
                  {"GITHUB_APP_INSTALLATION_ID", "31337"},
                  {"GITHUB_TOKEN", "ghp_also_set"}}));
  ASSERT_TRUE(from_file.app);
  EXPECT_EQ(from_file.app->private_key, key.private_pem);
  EXPECT_EQ(from_file.app->key_source, "GITHUB_APP_PRIVATE_KEY_PATH");
  EXPECT_EQ(from_file.app->installation_id, 31337);

  auto session = session_settings_from(from_file);
  ASSERT_TRUE(session.app);
  EXPECT_EQ(session.app->installation_id, 31337);
  EXPECT_FALSE(session.app->write_permissions);
}

TEST_F(AppConfigTest, EachMistakeNamesItsVariable) {
  EXPECT_NE(
      error_for({{"GITHUB_APP_PRIVATE_KEY", key.private_pem}}).find("GITHUB_APP_ID is not set"),
      std::string::npos);
  EXPECT_NE(error_for({{"GITHUB_APP_ID", "99"}}).find("without a key"), std::string::npos);
  EXPECT_NE(error_for({{"GITHUB_APP_ID", "ninety"}, {"GITHUB_APP_PRIVATE_KEY", key.private_pem}})
                .find("GITHUB_APP_ID: 'ninety'"),
            std::string::npos);
  EXPECT_NE(error_for({{"GITHUB_APP_ID", "99"}, {"GITHUB_APP_PRIVATE_KEY", "not a key"}})
                .find("GITHUB_APP_PRIVATE_KEY: not a PEM"),
            std::string::npos);
  const auto missing =
      error_for({{"GITHUB_APP_ID", "99"}, {"GITHUB_APP_PRIVATE_KEY_PATH", "/nonexistent/key.pem"}});
  EXPECT_NE(missing.find("GITHUB_APP_PRIVATE_KEY_PATH: cannot read '/nonexistent/key.pem'"),
            std::string::npos)
      << missing;
  EXPECT_NE(error_for({{"GITHUB_APP_ID", "99"},
                       {"GITHUB_APP_PRIVATE_KEY", key.private_pem},
                       {"GITHUB_APP_PRIVATE_KEY_PATH", "/x"}})
                .find("both set"),
            std::string::npos);
  EXPECT_NE(error_for({{"GITHUB_APP_ID", "99"},
                       {"GITHUB_APP_PRIVATE_KEY", key.private_pem},
                       {"GITHUB_APP_INSTALLATION_ID", "12x"}})
                .find("GITHUB_APP_INSTALLATION_ID: '12x'"),
            std::string::npos);
}

}  // namespace
}  // namespace backfill::cli
