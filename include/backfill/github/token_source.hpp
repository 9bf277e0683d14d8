#pragma once
// Where a request's Authorization header comes from: one fixed token
// (GITHUB_TOKEN), or a GitHub App's installation tokens, minted and renewed
// as they near their expiry (github/app_installation_tokens.hpp). The client
// asks for every request, so a renewed token is used from the next one on.
#include <string>

namespace backfill::github {

class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // The Authorization header's value for a request to `url` ("Bearer ..."),
  // or "" to send none. May itself call GitHub (App tokens) and throw
  // GitHubError.
  virtual std::string authorization(const std::string& url) = 0;
  // GitHub answered 401 to a request sent with authorization(url). True when
  // the source dropped that credential and a fresh one is worth one retry.
  virtual bool rejected(const std::string& url) = 0;
};

// A fixed token (or none): never renewed, so a 401 is final.
class StaticToken final : public TokenSource {
 public:
  explicit StaticToken(std::string token) : token_(std::move(token)) {}
  std::string authorization(const std::string&) override {
    return token_.empty() ? "" : "Bearer " + token_;
  }
  bool rejected(const std::string&) override { return false; }

 private:
  std::string token_;
};

}  // namespace backfill::github
