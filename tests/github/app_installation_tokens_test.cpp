// A GitHub App's installation tokens through the real client: found per
// owner, minted with only the permissions asked for, renewed before they
// expire on the injected clock, renewed once after a 401, never longer.
#include "backfill/github/app_installation_tokens.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"
#include "support/app_key.hpp"
#include "support/manual_clock.hpp"
#include "support/scripted_transport.hpp"

namespace backfill::github {
namespace {

using testing::json_reply;
using testing::request_header;

const std::string kApi = "https://api.github.test";

// A scripted GitHub: installations by owner, tokens that expire an hour
// after they are minted, and every request checked against the clock.
struct AppGitHub {
  testing::ManualClock clock;
  std::map<std::string, std::int64_t> installations = {{"octo", 7}, {"acme", 8}};
  std::map<std::string, std::pair<std::int64_t, SystemTime>>
      tokens;  // value -> installation, expiry
  int minted = 0;
  int unauthorized_left = 0;  // next requests with a token answered 401
  std::vector<std::string> stale_uses;
  std::vector<std::string> mint_bodies;

  github::HttpResponse answer(const HttpRequest& request) {
    const std::string path = request.url.substr(kApi.size());
    const std::string auth = request_header(request, "Authorization").value_or("");
    if (path.find("/installation") != std::string::npos && path.rfind("/repos/", 0) == 0) {
      EXPECT_EQ(std::count(auth.begin(), auth.end(), '.'), 2) << "the App's JWT";
      auto owner = path.substr(7, path.find('/', 7) - 7);
      auto found = installations.find(owner);
      if (found == installations.end())
        return json_reply(404, R"({"message":"Not Found","documentation_url":"x"})");
      return json_reply(
          200, nlohmann::json{{"id", found->second}, {"account", {{"login", owner}}}}.dump());
    }
    if (path.rfind("/app/installations/", 0) == 0) {
      EXPECT_EQ(std::count(auth.begin(), auth.end(), '.'), 2) << "the App's JWT";
      mint_bodies.push_back(request.body);
      auto id = std::stoll(path.substr(19));
      std::string value = "ghs_test" + std::to_string(id) + "x" + std::to_string(++minted) +
                          "abcdefghijklmnopqrstuvwxyz";
      tokens[value] = {id, clock.now() + std::chrono::hours(1)};
      return json_reply(
          201, nlohmann::json{{"token", value},
                              {"expires_at", format_iso8601(clock.now() + std::chrono::hours(1))}}
                   .dump());
    }
    std::string value = auth.substr(auth.find(' ') + 1);
    auto token = tokens.find(value);
    if (token == tokens.end()) return json_reply(401, R"({"message":"Bad credentials"})");
    if (clock.now() >= token->second.second) stale_uses.push_back(request.url);
    if (unauthorized_left > 0) {
      --unauthorized_left;
      return json_reply(401, R"({"message":"Bad credentials"})");
    }
    if (path == "/rate_limit")
      return json_reply(
          200, R"({"resources":{"core":{"limit":5000,"remaining":4999,"reset":1,"used":1}}})");
    return json_reply(200, R"({"id":1,"full_name":"x/y"})");
  }
};

struct Fixture {
  AppGitHub github;
  testing::ScratchTree dir;
  testing::ScriptedTransport transport{
      [this](const HttpRequest& request, std::size_t) { return github.answer(request); }};
  std::vector<std::string> secrets_told;
  std::shared_ptr<AppInstallationTokens> tokens;
  std::unique_ptr<GitHubClient> client;

  explicit Fixture(AppAuthParams params = {}) {
    auto key = testing::generate_test_app_key(dir);
    params.api_url = kApi;
    params.on_secret = [this](const std::string& s) { secrets_told.push_back(s); };
    tokens = std::make_shared<AppInstallationTokens>(AppJwtSigner("4242", key.private_pem), params,
                                                     transport, github.clock);
    ClientParams client_params;
    client_params.api_url = kApi;
    client_params.auth = tokens;
    client = std::make_unique<GitHubClient>(client_params, transport);
  }
  std::vector<std::string> urls() const {
    std::vector<std::string> out;
    for (const auto& r : transport.requests())
      out.push_back(r.method + " " + r.url.substr(kApi.size()));
    return out;
  }
};

TEST(AppInstallationTokens, OneLookupPerOwnerAndOneTokenPerInstallation) {
  Fixture f;
  f.client->get_repository(RepoName{"octo", "a"});
  f.client->get_repository(RepoName{"Octo", "b"});
  f.client->get_repository(RepoName{"acme", "c"});
  f.client->get_repository(RepoName{"octo", "a"});
  EXPECT_EQ(f.urls(), (std::vector<std::string>{
                          "GET /repos/octo/a/installation",
                          "POST /app/installations/7/access_tokens",
                          "GET /repos/octo/a",
                          "GET /repos/Octo/b",
                          "GET /repos/acme/c/installation",
                          "POST /app/installations/8/access_tokens",
                          "GET /repos/acme/c",
                          "GET /repos/octo/a",
                      }));
  ASSERT_EQ(f.github.mint_bodies.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(f.github.mint_bodies[0]),
            nlohmann::json::parse(R"({"permissions":{"pull_requests":"read","metadata":"read"}})"));
  EXPECT_EQ(f.secrets_told.size(), 2u);
  for (const auto& token : f.secrets_told) EXPECT_EQ(redact("t=" + token), "t=***");
}

TEST(AppInstallationTokens, RenewedBeforeExpiryAcrossALongRunNeverSentStale) {
  Fixture f;
  // Ten hours, a request every 20 seconds, the clock jumping by an
  // occasional rate-limit wait of four minutes.
  for (int i = 0; i < 1800; ++i) {
    f.client->get_repository(RepoName{i % 2 ? "octo" : "acme", "r"});
    f.github.clock.advance(std::chrono::seconds(i % 97 == 0 ? 240 : 20));
  }
  EXPECT_TRUE(f.github.stale_uses.empty()) << f.github.stale_uses.front();
  // Every ~55 minutes per installation: 11 per installation, give or take one.
  EXPECT_GE(f.tokens->tokens_minted(), 20);
  EXPECT_LE(f.tokens->tokens_minted(), 26);
}

TEST(AppInstallationTokens, NotRenewedWhileMoreThanFiveMinutesRemain) {
  Fixture f;
  f.client->get_repository(RepoName{"octo", "r"});
  f.github.clock.advance(std::chrono::minutes(54) + std::chrono::seconds(59));
  f.client->get_repository(RepoName{"octo", "r"});
  EXPECT_EQ(f.tokens->tokens_minted(), 1);
  f.github.clock.advance(std::chrono::seconds(1));
  f.client->get_repository(RepoName{"octo", "r"});
  EXPECT_EQ(f.tokens->tokens_minted(), 2);
}

TEST(AppInstallationTokens, OneUnauthorizedReplyMeansOneNewTokenAndOneRetry) {
  Fixture f;
  f.client->get_repository(RepoName{"octo", "r"});
  f.github.unauthorized_left = 1;
  EXPECT_EQ(f.client->get_repository(RepoName{"octo", "r"}).github_id, 1);
  EXPECT_EQ(f.tokens->tokens_minted(), 2);
  const auto requests = f.transport.requests();
  EXPECT_NE(request_header(requests[requests.size() - 1], "Authorization"),
            request_header(requests[requests.size() - 3], "Authorization"));
}

TEST(AppInstallationTokens, TwoUnauthorizedRepliesFail) {
  Fixture f;
  f.client->get_repository(RepoName{"octo", "r"});
  f.github.unauthorized_left = 2;
  try {
    f.client->get_repository(RepoName{"octo", "r"});
    FAIL() << "a second 401 must stand";
  } catch (const GitHubError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnauthorized);
  }
  EXPECT_EQ(f.tokens->tokens_minted(), 2) << "exactly one renewal";
}

TEST(AppInstallationTokens, ARepositoryWithoutTheAppIsNotFoundAndSaysSo) {
  Fixture f;
  try {
    f.client->get_repository(RepoName{"stranger", "r"});
    FAIL() << "not installed";
  } catch (const GitHubError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
    EXPECT_NE(std::string(e.what()).find("not installed on stranger/r"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(f.urls(), std::vector<std::string>{"GET /repos/stranger/r/installation"});
  f.client->get_repository(RepoName{"octo", "r"});  // the others go on
}

TEST(AppInstallationTokens, AConfiguredInstallationNeedsNoLookupAndServesOwnerlessUrls) {
  AppAuthParams params;
  params.installation_id = 8;
  params.permissions_json = R"({"pull_requests":"read","metadata":"read","issues":"write"})";
  Fixture f(params);
  f.client->rate_limits();
  EXPECT_EQ(f.urls(), (std::vector<std::string>{"POST /app/installations/8/access_tokens",
                                                "GET /rate_limit"}));
  EXPECT_EQ(nlohmann::json::parse(f.github.mint_bodies[0])["permissions"]["issues"], "write");
}

}  // namespace
}  // namespace backfill::github
