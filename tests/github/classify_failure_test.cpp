#include <gtest/gtest.h>

#include <limits>

#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"

namespace {

using namespace backfill::github;

HttpResponse reply(long status, std::string body = "",
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  for (auto& [name, value] : headers) response.headers.add(name, value);
  return response;
}

HttpResponse failed(TransportFailure failure, std::string message) {
  HttpResponse response;
  response.failure = failure;
  response.failure_message = std::move(message);
  return response;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ClassifyFailure, TransportFailuresAreRetryableExceptCancellation) {
  for (auto failure : {TransportFailure::kConnect, TransportFailure::kTimeout,
                       TransportFailure::kTruncated, TransportFailure::kOther}) {
    auto error = classify_failure(failed(failure, "Operation timed out after 200 ms"));
    EXPECT_EQ(error.kind(), ErrorKind::kRetryable);
    EXPECT_EQ(error.status(), 0);
    EXPECT_TRUE(contains(error.what(), "Operation timed out after 200 ms")) << error.what();
  }
  EXPECT_EQ(classify_failure(failed(TransportFailure::kCancelled, "")).kind(),
            ErrorKind::kCancelled);
}

TEST(ClassifyFailure, Unauthorized) {
  auto error =
      classify_failure(reply(401, R"({"message":"Bad credentials","documentation_url":"x"})"));
  EXPECT_EQ(error.kind(), ErrorKind::kUnauthorized);
  EXPECT_EQ(error.status(), 401);
  EXPECT_STREQ(error.what(), "GitHub rejected the token (401 Bad credentials)");
  EXPECT_STREQ(classify_failure(reply(401)).what(),
               "GitHub rejected the token (401 Bad credentials)");
}

TEST(ClassifyFailure, NotFound) {
  auto error = classify_failure(reply(404, R"({"message":"Not Found"})"));
  EXPECT_EQ(error.kind(), ErrorKind::kNotFound);
  EXPECT_TRUE(contains(error.what(), "repository not found, or the token cannot see it"))
      << error.what();
  EXPECT_TRUE(contains(error.what(), "404")) << error.what();
}

TEST(ClassifyFailure, PrimaryRateLimit) {
  for (long status : {403L, 429L}) {
    auto error =
        classify_failure(reply(status, R"({"message":"API rate limit exceeded for user ID 1."})",
                               {{"x-ratelimit-remaining", "0"},
                                {"x-ratelimit-limit", "5000"},
                                {"x-ratelimit-reset", "1714567890"},
                                {"x-ratelimit-resource", "core"}}));
    EXPECT_EQ(error.kind(), ErrorKind::kRateLimited);
    EXPECT_FALSE(error.secondary_limit());
    EXPECT_EQ(error.rate().reset_epoch, 1714567890);
    EXPECT_FALSE(error.retry_after_seconds().has_value());
    EXPECT_TRUE(contains(error.what(), std::to_string(status) + " API rate limit exceeded"));
    EXPECT_TRUE(contains(error.what(), "2024-05-01T12:51:30Z")) << error.what();
  }
}

TEST(ClassifyFailure, SecondaryRateLimitByMessage) {
  auto error = classify_failure(reply(
      403, R"({"message":"You have exceeded a Secondary Rate Limit. Please wait a few minutes."})",
      {{"x-ratelimit-remaining", "4000"}}));
  EXPECT_EQ(error.kind(), ErrorKind::kRateLimited);
  EXPECT_TRUE(error.secondary_limit());
  EXPECT_FALSE(error.retry_after_seconds().has_value());
  EXPECT_EQ(error.rate().remaining, 4000);
}

TEST(ClassifyFailure, SecondaryRateLimitByRetryAfter) {
  auto error = classify_failure(reply(403, R"({"message":"slow down"})", {{"Retry-After", "60"}}));
  EXPECT_EQ(error.kind(), ErrorKind::kRateLimited);
  EXPECT_TRUE(error.secondary_limit());
  EXPECT_EQ(error.retry_after_seconds(), 60);
}

TEST(ClassifyFailure, AbsurdRetryAfterValues) {
  auto retry_after = [](const std::string& value) {
    return classify_failure(reply(403, R"({"message":"You have exceeded a secondary rate limit."})",
                                  {{"Retry-After", value}}))
        .retry_after_seconds();
  };
  EXPECT_EQ(retry_after("99999999999999999999"),
            std::numeric_limits<long>::max());  // huge: capped later
  EXPECT_EQ(retry_after("9223372036854775807"), std::numeric_limits<long>::max());
  EXPECT_EQ(retry_after("-5"), std::nullopt);  // as if not given: at least a minute
  EXPECT_EQ(retry_after("-99999999999999999999"), std::nullopt);
  EXPECT_EQ(retry_after("soon"), std::nullopt);
  EXPECT_EQ(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::nullopt);
  EXPECT_EQ(retry_after("1e9"), std::nullopt);
}

TEST(ClassifyFailure, Plain429IsASecondaryLimit) {
  auto error = classify_failure(reply(429));
  EXPECT_EQ(error.kind(), ErrorKind::kRateLimited);
  EXPECT_TRUE(error.secondary_limit());
}

TEST(ClassifyFailure, OtherForbiddenIsAClientErrorWithGitHubsMessage) {
  auto error = classify_failure(
      reply(403, R"({"message":"Resource protected by organization SAML enforcement."})",
            {{"x-ratelimit-remaining", "4999"}}));
  EXPECT_EQ(error.kind(), ErrorKind::kClientError);
  EXPECT_TRUE(contains(error.what(), "403 Resource protected by organization SAML enforcement."));
}

TEST(ClassifyFailure, ServerErrorsAreRetryable) {
  for (long status : {500L, 502L, 503L, 504L}) {
    auto error = classify_failure(reply(status, "<html><body>Unicorn!</body></html>"));
    EXPECT_EQ(error.kind(), ErrorKind::kRetryable);
    EXPECT_EQ(error.status(), status);
    EXPECT_TRUE(contains(error.what(), "(" + std::to_string(status) + ")")) << error.what();
  }
}

TEST(ClassifyFailure, OtherClientErrorsAreNotRetried) {
  for (long status : {400L, 409L, 410L, 422L}) {
    auto error = classify_failure(reply(status, R"({"message":"Validation Failed"})"));
    EXPECT_EQ(error.kind(), ErrorKind::kClientError);
    EXPECT_TRUE(contains(error.what(), std::to_string(status) + " Validation Failed"));
  }
}

TEST(ClassifyFailure, UnparsableSuccessIsRetryable) {
  auto error = classify_failure(reply(200, "<html>maintenance</html>"));
  EXPECT_EQ(error.kind(), ErrorKind::kRetryable);
  EXPECT_EQ(error.status(), 200);
}

TEST(ClassifyFailure, AReplyOverTheCapIsRetryableAndSaysWhy) {
  auto error = classify_failure(failed(
      TransportFailure::kTooLarge, "response body from https://api.github.com/x exceeded 64 MiB"));
  EXPECT_EQ(error.kind(), ErrorKind::kRetryable);
  EXPECT_TRUE(contains(error.what(), "response body from https://api.github.com/x exceeded 64 MiB"))
      << error.what();
}

TEST(ClassifyFailure, ARedirectLoopIsNotRetried) {
  auto error = classify_failure(failed(TransportFailure::kTooManyRedirects,
                                       "more than 5 redirects from https://api.github.com/x"));
  EXPECT_EQ(error.kind(), ErrorKind::kRefused);
  EXPECT_TRUE(contains(error.what(), "too many redirects (more than 5 redirects from"))
      << error.what();
}

TEST(ClassifyFailure, MessagesNeverCarryTheToken) {
  const std::string token = "ghp_classifytesttoken0123456789abcdefABCD";
  backfill::register_secret(token);
  auto error = classify_failure(reply(422, R"({"message":"bad token )" + token + R"("})"));
  EXPECT_FALSE(contains(error.what(), token)) << error.what();
  auto network =
      classify_failure(failed(TransportFailure::kOther, "Authorization: Bearer " + token));
  EXPECT_FALSE(contains(network.what(), token)) << network.what();
}

TEST(ClassifyFailure, LongMessagesAreShortened) {
  auto error = classify_failure(reply(422, R"({"message":")" + std::string(5000, 'm') + R"("})"));
  EXPECT_LT(std::string(error.what()).size(), 500u);
}

}  // namespace
