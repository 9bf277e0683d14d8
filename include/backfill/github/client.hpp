#pragma once
// GitHub REST calls the backfill needs, over an HttpTransport. Classifies
// every reply: success, fatal (401/404/...), or retryable.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "backfill/core/repo_name.hpp"
#include "backfill/github/http.hpp"
#include "backfill/github/origin.hpp"
#include "backfill/github/pull_request.hpp"
#include "backfill/github/rate_limit.hpp"
#include "backfill/github/token_source.hpp"

namespace backfill::github {

inline constexpr int kPageSize = 100;

enum class ErrorKind {
  kUnauthorized,  // 401: "GitHub rejected the token"
  kNotFound,      // 404: repository not found, or the token cannot see it
  kRateLimited,   // 403/429 with remaining 0 (primary) or secondary limit
  kRetryable,     // 5xx, network, timeout, truncated/unparsable body
  kClientError,   // other 4xx (400, 410, 422): not retried
  kCancelled,     // stop requested mid-transfer
  kRefused,       // a reply we will not act on: a URL off the API's origins, a
                  // redirect or pagination loop, a bound passed. Not retried.
};

class GitHubError : public std::runtime_error {
 public:
  GitHubError(ErrorKind kind, long status, const std::string& message,
              std::optional<long> retry_after_seconds = std::nullopt, RateLimitSnapshot rate = {},
              bool secondary_limit = false)
      : std::runtime_error(message),
        kind_(kind),
        status_(status),
        retry_after_(retry_after_seconds),
        rate_(std::move(rate)),
        secondary_(secondary_limit) {}
  ErrorKind kind() const { return kind_; }
  long status() const { return status_; }
  std::optional<long> retry_after_seconds() const { return retry_after_; }
  const RateLimitSnapshot& rate() const { return rate_; }
  // A secondary (abuse) limit rather than the hourly budget running out.
  bool secondary_limit() const { return secondary_; }

 private:
  ErrorKind kind_;
  long status_;
  std::optional<long> retry_after_;
  RateLimitSnapshot rate_;
  bool secondary_;
};

struct RepositoryInfo {
  std::int64_t github_id = 0;
  RepoName name;  // canonical spelling (after a rename redirect)
};

struct PullPage {
  long page = 1;    // the page number fetched
  std::string url;  // the URL it was fetched from
  std::vector<PullRequest> items;
  std::optional<std::string> next_url;  // Link rel="next", as given
  RateLimitSnapshot rate;
  // The reply's validators, for a later conditional request (refresh).
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
};

// Conditional request headers: GitHub answers 304 Not Modified, free for an
// authorized request, when the listing still has this ETag (If-None-Match)
// or, without one, has not changed since this date (If-Modified-Since).
struct Validators {
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
};

struct ClientParams {
  std::string api_url = "https://api.github.com";  // no trailing slash
  std::string token;                               // empty: unauthenticated
  std::string user_agent;
  // The token (every request, in fact) goes only to api_url's origin and to
  // these (e.g. a GraphQL endpoint's URL); a URL from a reply that points
  // anywhere else is refused (ErrorKind::kRefused) before anything is sent.
  std::vector<std::string> extra_origins = {};
  // When set, the Authorization of every request instead of `token` (a
  // GitHub App's installation tokens); a 401 then gets one fresh credential
  // and one retry.
  std::shared_ptr<TokenSource> auth = nullptr;
};

class GitHubClient {
 public:
  GitHubClient(ClientParams params, HttpTransport& transport);

  // Throws UsageError when api_url or an extra origin is not an absolute
  // http(s) URL without userinfo.
  // Each call makes exactly one request and throws GitHubError on any
  // non-success; retrying is the caller's policy (engine/retry).
  RepositoryInfo get_repository(const RepoName& repo);
  // Pull requests (state=all) that exist now: one per_page=1 request whose
  // Link rel="last" page number is the count.
  std::int64_t count_pulls(const RepoName& repo);
  // Page `page` (1-based) of state=all&sort=created&direction=asc&per_page=100.
  PullPage list_pulls(const RepoName& repo, long page);
  // Follows a rel="next" URL exactly as GitHub gave it.
  PullPage fetch_pulls(const std::string& url);
  // Page `page` of state=all&sort=updated&direction=desc&per_page=100 (the
  // refresh walk), conditional on `validators`: nullopt when GitHub answered
  // 304 Not Modified.
  std::optional<PullPage> list_pulls_by_update(const RepoName& repo, long page,
                                               const Validators& validators = {});

  // GET /rate_limit (free: it does not count against the primary limit).
  // Every resource GitHub reports ("core", "search", "graphql", ...).
  std::vector<RateLimitSnapshot> rate_limits();

  // Any other REST call, for the Actions integration (issues, dispatches):
  // METHOD on `path` under the API URL ("/repos/o/r/issues?..."), with a JSON
  // body when non-empty. Throws GitHubError unless the reply is 2xx; returns
  // it otherwise (the caller parses what it needs).
  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& json_body = "");

  // GET an absolute URL on an allowed origin (a Link rel="next" exactly as
  // GitHub gave it, for listings parsed elsewhere: github/review_comments.hpp).
  // Throws GitHubError unless the reply is 2xx.
  HttpResponse get_listing(const std::string& url);
  const std::string& api_url() const { return params_.api_url; }

  // POST a JSON body to an absolute URL on an allowed origin (GraphQL's
  // endpoint, github/graphql_client.hpp): the reply whatever its status.
  HttpResponse post_json(const std::string& url, const std::string& json_body);

  std::int64_t requests_made() const { return requests_; }
  // The REST budget ("core") as last seen; GraphQL's points are a budget of
  // their own (x-ratelimit-resource: graphql) and are kept apart.
  const RateLimitSnapshot& last_rate_limit() const { return rate_; }
  const RateLimitSnapshot& last_graphql_rate_limit() const { return graphql_rate_; }

 private:
  HttpResponse get(const std::string& url) { return send("GET", url, ""); }
  HttpResponse send(const std::string& method, const std::string& url, const std::string& body,
                    const std::vector<std::string>& extra_headers = {});
  HttpResponse send_once(const std::string& method, const std::string& url, const std::string& body,
                         const std::vector<std::string>& extra_headers);
  PullPage to_page(const HttpResponse& response, const std::string& url);

  ClientParams params_;
  std::vector<Origin> allowed_origins_;
  HttpTransport& transport_;
  std::int64_t requests_ = 0;
  RateLimitSnapshot rate_;
  // Named "graphql" before the first reply too (see the constructor).
  RateLimitSnapshot graphql_rate_;
};

// Turns a non-2xx (or failed) response into the GitHubError it means.
GitHubError classify_failure(const HttpResponse& response);

}  // namespace backfill::github
