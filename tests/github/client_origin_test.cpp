// The client sends nothing, token or not, to a URL off the API's origins.
#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"
#include "backfill/github/client.hpp"
#include "support/github_replies.hpp"
#include "support/scripted_transport.hpp"

namespace {

using namespace backfill::github;
using backfill::testing::json_reply;
using backfill::testing::ScriptedTransport;
namespace replies = backfill::testing::replies;

const std::string kApi = "https://api.github.test";
const std::string kToken = "ghp_originTestToken000000000000000000000000";

HttpResponse page_reply() { return json_reply(200, replies::pulls_page_json(1, 2)); }

// What the client throws for `url`, or nullopt when it sent the request.
std::optional<GitHubError> refusal(ScriptedTransport& transport, ClientParams params,
                                   const std::string& url) {
  GitHubClient client(std::move(params), transport);
  try {
    client.fetch_pulls(url);
    return std::nullopt;
  } catch (const GitHubError& e) {
    return e;
  }
}

TEST(ClientOrigin, ALinkToAnotherHostIsRefusedNamingTheUrlAndNothingIsSent) {
  ScriptedTransport transport;
  const std::string evil = "https://evil.example/repositories/1/pulls?per_page=100&page=2";
  auto error = refusal(transport, {kApi, kToken, "t"}, evil);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::kRefused);
  EXPECT_NE(std::string(error->what()).find(evil), std::string::npos) << error->what();
  EXPECT_NE(std::string(error->what()).find(kApi), std::string::npos) << error->what();
  EXPECT_EQ(transport.request_count(), 0u);
}

TEST(ClientOrigin, NeverDowngradesHttpsToHttp) {
  ScriptedTransport transport;
  auto error =
      refusal(transport, {kApi, kToken, "t"}, "http://api.github.test/repositories/1/pulls?page=2");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::kRefused);
  EXPECT_EQ(transport.request_count(), 0u);
}

TEST(ClientOrigin, OtherPortsAndDisguisedHostsAreRefused) {
  for (const std::string url :
       {"https://api.github.test:8443/repositories/1/pulls?page=2",
        "https://api.github.test@evil.example/repositories/1/pulls?page=2",
        "https://api.github.test.evil.example/x?page=2", "/repositories/1/pulls?page=2"}) {
    ScriptedTransport transport;
    auto error = refusal(transport, {kApi, kToken, "t"}, url);
    ASSERT_TRUE(error) << url;
    EXPECT_EQ(error->kind(), ErrorKind::kRefused) << url;
    EXPECT_EQ(transport.request_count(), 0u) << url;
  }
}

TEST(ClientOrigin, TheSameOriginSpelledDifferentlyIsFollowedWithTheToken) {
  ScriptedTransport transport;
  transport.enqueue(page_reply());
  transport.enqueue(page_reply());
  GitHubClient client({kApi, kToken, "t"}, transport);
  EXPECT_EQ(client.fetch_pulls("HTTPS://API.GitHub.test/repositories/1/pulls?page=2").items.size(),
            2u);
  EXPECT_EQ(
      client.fetch_pulls("https://api.github.test:443/repositories/1/pulls?page=3").items.size(),
      2u);
  for (const auto& request : transport.requests()) {
    EXPECT_EQ(backfill::testing::request_header(request, "authorization"), "Bearer " + kToken);
  }
}

TEST(ClientOrigin, FurtherOriginsCanBeAllowed) {
  ScriptedTransport transport;
  transport.enqueue(page_reply());
  ClientParams params{kApi, kToken, "t"};
  params.extra_origins = {"https://graphql.github.test/graphql"};
  GitHubClient client(params, transport);
  EXPECT_NO_THROW(client.fetch_pulls("https://graphql.github.test/x?page=2"));
  EXPECT_EQ(transport.request_count(), 1u);
}

TEST(ClientOrigin, APathCannotMoveACallOffTheApi) {
  ScriptedTransport transport;
  GitHubClient client({kApi, kToken, "t"}, transport);
  try {
    client.call("POST", "@evil.example/repos/o/r/dispatches", "{}");
    ADD_FAILURE() << "the call was sent";
  } catch (const GitHubError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRefused);
  }
  EXPECT_EQ(transport.request_count(), 0u);
}

TEST(ClientOrigin, AnApiUrlWithUserinfoIsAUsageError) {
  ScriptedTransport transport;
  EXPECT_THROW(GitHubClient({"https://user:pass@api.github.test", kToken, "t"}, transport),
               backfill::UsageError);
  ClientParams params{kApi, kToken, "t"};
  params.extra_origins = {"ftp://files.example"};
  EXPECT_THROW(GitHubClient(params, transport), backfill::UsageError);
}

}  // namespace
