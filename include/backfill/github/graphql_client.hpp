#pragma once
// GitHub's GraphQL API over the same client (origin checks, token, request
// count): POSTs one of the embedded query files (src/github/graphql) with
// its variables and turns the reply into `data` or the GitHubError it
// means. GitHub answers most failures with HTTP 200 and an `errors` array:
//   RATE_LIMITED                  -> kRateLimited (primary when the points are spent)
//   NOT_FOUND at `repository`     -> kNotFound (not retried)
//   RESOURCE_LIMITS_EXCEEDED,
//   MAX_NODE_LIMIT_EXCEEDED, a timeout, 502/504 -> HeavyQueryError (retry smaller)
//   anything else, partial data included -> kRetryable: nothing of it is used.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "backfill/github/client.hpp"

namespace backfill::github {

// A query too heavy for GitHub to answer now: the caller retries it with a
// smaller page.
class HeavyQueryError : public GitHubError {
 public:
  HeavyQueryError(long status, const std::string& message, RateLimitSnapshot rate = {})
      : GitHubError(ErrorKind::kRetryable, status, message, std::nullopt, std::move(rate)) {}
};

// The `rateLimit` object every query asks for.
struct GraphqlCost {
  std::int64_t cost = 0;  // points this query cost
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t used = 0;
  std::int64_t node_count = 0;
  std::string reset_at;  // ISO-8601
};

// https://api.github.com -> https://api.github.com/graphql;
// https://HOST/api/v3 -> https://HOST/api/graphql; anything else -> URL/graphql.
std::string graphql_url_for(const std::string& api_url);

class GraphqlClient {
 public:
  // `client` must allow `graphql_url`'s origin (ClientParams::extra_origins).
  GraphqlClient(GitHubClient& client, std::string graphql_url);

  // Runs embedded query `query_name` with `variables`; returns `data`.
  // Throws GitHubError (see above); std::out_of_range for an unknown name.
  nlohmann::json execute(const std::string& query_name, const nlohmann::json& variables);
  // The same for a query text generated from an embedded template
  // (github/follow_up_query.hpp).
  nlohmann::json execute_text(const std::string& query, const nlohmann::json& variables);

  const GraphqlCost& last_cost() const { return last_cost_; }
  std::int64_t points_used() const { return points_used_; }  // summed rateLimit.cost
  const std::string& url() const { return url_; }

 private:
  GitHubClient& client_;
  std::string url_;
  GraphqlCost last_cost_;
  std::int64_t points_used_ = 0;
};

// The reply of one POST as GraphqlClient::execute judges it (exposed for tests).
nlohmann::json graphql_data_or_throw(const HttpResponse& response);

}  // namespace backfill::github
