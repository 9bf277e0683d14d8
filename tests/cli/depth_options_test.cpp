// --with and --graphql-url: what they resolve to, how bad values are
// refused (exit 2 naming the input), the event's `with`, and the depth
// scopes in `backfill status`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

#include "backfill/actions/dispatch.hpp"
#include "backfill/cli/config.hpp"
#include "backfill/cli/scope_table.hpp"
#include "backfill/core/errors.hpp"

namespace backfill::cli {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const EnvLookup kWithToken = env_of({{"GITHUB_TOKEN", "ghp_x"}});

std::string usage_error_of(const Flags& flags, const EnvLookup& env) {
  try {
    resolve_config(flags, env);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(DepthOptions, WithoutWithNothingChanges) {
  const auto c = resolve_config({}, env_of({}));
  EXPECT_FALSE(c.with.any());
  EXPECT_EQ(c.with.key(), "list");
}

TEST(DepthOptions, WordsBecomeOneCanonicalScope) {
  Flags flags;
  flags.with = "reviews, comments";
  EXPECT_EQ(resolve_config(flags, kWithToken).with.key(), "comments,details,reviews");
  flags.with = "all";
  EXPECT_EQ(resolve_config(flags, kWithToken).with.key(), "comments,details,reviews");
  flags.with = "details";
  EXPECT_EQ(resolve_config(flags, kWithToken).with.key(), "details");
  flags.with = "reviews";
  const auto c = resolve_config(flags, kWithToken);
  EXPECT_TRUE(c.with.reviews);
  EXPECT_FALSE(c.with.comments);
  EXPECT_EQ(c.with.key(), "details,reviews");
}

TEST(DepthOptions, AnUnknownWordIsAUsageErrorNamingIt) {
  Flags flags;
  flags.with = "reviews,labels";
  const auto message = usage_error_of(flags, kWithToken);
  EXPECT_NE(message.find("--with: unknown word 'labels'"), std::string::npos) << message;
}

TEST(DepthOptions, WithNeedsAToken) {
  Flags flags;
  flags.with = "reviews";
  const auto message = usage_error_of(flags, env_of({}));
  EXPECT_NE(message.find("GraphQL"), std::string::npos) << message;
  EXPECT_NE(message.find("token"), std::string::npos) << message;
  EXPECT_NO_THROW(resolve_config(flags, env_of({{"GH_TOKEN", "ghp_y"}})));
}

TEST(DepthOptions, TheGraphqlUrlFollowsTheApiUrlUnlessGiven) {
  Flags flags;
  EXPECT_EQ(resolve_config(flags, env_of({})).graphql_url, "https://api.github.com/graphql");
  flags.api_url = "https://ghe.example.com/api/v3";
  EXPECT_EQ(resolve_config(flags, env_of({})).graphql_url, "https://ghe.example.com/api/graphql");
  flags.api_url = "http://127.0.0.1:8080";
  EXPECT_EQ(resolve_config(flags, env_of({})).graphql_url, "http://127.0.0.1:8080/graphql");
  flags.graphql_url = "http://127.0.0.1:9090/gql/";
  EXPECT_EQ(resolve_config(flags, env_of({})).graphql_url, "http://127.0.0.1:9090/gql");
  flags.graphql_url = "ftp://x";
  EXPECT_NE(usage_error_of(flags, env_of({})).find("--graphql-url"), std::string::npos);
}

TEST(DepthOptions, TheEventsWithIsReadAndCheckedNamingItsField) {
  auto env = env_of({{"GITHUB_ACTIONS", "true"},
                     {"GITHUB_EVENT_NAME", "repository_dispatch"},
                     {"GITHUB_EVENT_PATH", "/e.json"},
                     {"GITHUB_REPOSITORY", "acme/ops"},
                     {"GITHUB_TOKEN", "ghp_x"}});
  auto loader = [](const std::string& payload) {
    return [payload](const std::string& name, const std::string&) {
      return actions::read_event(name, payload);
    };
  };
  const auto c = resolve_config(
      {}, env,
      loader(
          R"({"action":"progressive-backfill","client_payload":{"repository":"o/r","with":"all"}})"));
  EXPECT_EQ(c.with.key(), "comments,details,reviews");
  try {
    resolve_config(
        {}, env,
        loader(
            R"({"action":"progressive-backfill","client_payload":{"repository":"o/r","with":"x"}})"));
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("client_payload.with: unknown word 'x'"),
              std::string::npos)
        << e.what();
  }
}

TEST(DepthOptions, AContinuationCarriesTheScope) {
  actions::RunSettings settings;
  settings.with = "details,reviews";
  const auto payload = actions::dispatch_payload({"o", "r"}, settings);
  EXPECT_EQ(payload.at("client_payload").at("with"), "details,reviews");
  EXPECT_NE(actions::resume_command({"o", "r"}, settings).find("--with details,reviews"),
            std::string::npos);
}

TEST(ScopeStatus, EachScopeIsShownWithItsProgressAndPoints) {
  store::ScopeSummary done{"o/r",
                           "comments,details,reviews",
                           120,
                           120,
                           store::Status::kCompleted,
                           "2024-01-01T00:00:00Z",
                           std::nullopt,
                           3,
                           9};
  store::ScopeSummary paused{"o/s",
                             "details,reviews",
                             50,
                             200,
                             store::Status::kPaused,
                             "2024-01-01T00:00:00Z",
                             "time budget of 1m used",
                             1,
                             2};
  EXPECT_EQ(shown_scopes({done, paused}, false).size(), 1u);
  EXPECT_EQ(shown_scopes({done, paused}, true).size(), 2u);
  const std::string table = scope_table({done, paused});
  EXPECT_NE(table.find("comments,details,reviews"), std::string::npos) << table;
  EXPECT_NE(table.find("25.0%"), std::string::npos) << table;
  EXPECT_NE(table.find("o/s (details,reviews): paused: time budget of 1m used"), std::string::npos)
      << table;
  EXPECT_EQ(scope_table({}), "");
  const auto json = scope_json({paused});
  EXPECT_EQ(json.at(0).at("scope"), "details,reviews");
  EXPECT_EQ(json.at(0).at("points_used"), 2);
  EXPECT_EQ(json.at(0).at("status"), "paused");
}

}  // namespace
}  // namespace backfill::cli
