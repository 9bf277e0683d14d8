// GraphqlClient: one POST per call, the reply judged by GitHub's documented
// GraphQL failure shapes. No retrying here (engine/request_runner does it).
#include "backfill/github/graphql_client.hpp"

#include "backfill/core/redact.hpp"
#include "backfill/github/follow_up_query.hpp"
#include "backfill/github/graphql_texts.hpp"

namespace backfill::github {
namespace {

constexpr std::size_t kMaxQuotedMessage = 300;

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::string text_of(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string first_path_word(const nlohmann::json& error) {
  auto path = error.find("path");
  if (path == error.end() || !path->is_array() || path->empty() || !(*path)[0].is_string())
    return {};
  return (*path)[0].get<std::string>();
}

std::string quoted(std::string message) {
  if (message.size() > kMaxQuotedMessage) message = message.substr(0, kMaxQuotedMessage) + "...";
  return message;
}

bool mentions_timeout(const std::string& message) {
  return message.find("timeout") != std::string::npos ||
         message.find("timed out") != std::string::npos;
}

GraphqlCost cost_of(const nlohmann::json& data) {
  GraphqlCost cost;
  if (!data.is_object()) return cost;
  auto rate = data.find("rateLimit");
  if (rate == data.end() || !rate->is_object()) return cost;
  auto number = [&](const char* key) -> std::int64_t {
    auto it = rate->find(key);
    return it != rate->end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
  };
  cost.cost = number("cost");
  cost.limit = number("limit");
  cost.remaining = number("remaining");
  cost.used = number("used");
  cost.node_count = number("nodeCount");
  cost.reset_at = text_of(*rate, "resetAt");
  return cost;
}

}  // namespace

std::string graphql_url_for(const std::string& api_url) {
  std::string base = api_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (ends_with(base, "/api/v3")) return base.substr(0, base.size() - 2) + "graphql";
  return base + "/graphql";
}

GraphqlClient::GraphqlClient(GitHubClient& client, std::string graphql_url)
    : client_(client), url_(std::move(graphql_url)) {}

nlohmann::json GraphqlClient::execute(const std::string& query_name,
                                      const nlohmann::json& variables) {
  return execute_text(graphql_query_text(query_name), variables);
}

nlohmann::json GraphqlClient::execute_text(const std::string& query,
                                           const nlohmann::json& variables) {
  const nlohmann::json body = {{"query", query}, {"variables", variables}};
  HttpResponse response = client_.post_json(url_, body.dump());
  nlohmann::json data = graphql_data_or_throw(response);
  last_cost_ = cost_of(data);
  points_used_ += last_cost_.cost;
  return data;
}

nlohmann::json graphql_data_or_throw(const HttpResponse& response) {
  const RateLimitSnapshot rate = parse_rate_limit(response.headers);
  const long status = response.status;
  if (response.failure == TransportFailure::kTimeout) {
    throw HeavyQueryError(0, "GraphQL query timed out", rate);
  }
  if (status == 502 || status == 504) {
    throw HeavyQueryError(status,
                          "GitHub could not answer the GraphQL query in time (" +
                              std::to_string(status) + "); retrying with fewer PRs",
                          rate);
  }
  if (status < 200 || status > 299 || response.failure != TransportFailure::kNone) {
    throw classify_failure(response);
  }
  auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    throw GitHubError(ErrorKind::kRetryable, status, "GitHub sent an unparsable GraphQL reply",
                      std::nullopt, rate);
  }
  auto errors = doc.find("errors");
  if (errors != doc.end() && errors->is_array() && !errors->empty()) {
    bool only_missing_nodes = true;
    for (const auto& error : *errors) {
      if (!error.is_object()) continue;
      const std::string type = text_of(error, "type");
      const std::string message = quoted(text_of(error, "message"));
      const std::string where = first_path_word(error);
      if (type == "RATE_LIMITED") {
        const bool spent = rate.remaining && *rate.remaining == 0 && rate.reset_time();
        std::optional<long> wait;
        if (auto after = response.headers.get("retry-after")) {
          try {
            wait = std::stol(*after);
          } catch (const std::exception&) {
          }
        }
        throw GitHubError(ErrorKind::kRateLimited, status,
                          redact("GitHub GraphQL rate limit hit (" + message + ")"), wait, rate,
                          /*secondary_limit=*/!spent);
      }
      if (type == "NOT_FOUND" && where == "repository") {
        throw GitHubError(
            ErrorKind::kNotFound, status,
            redact("repository not found, or the token cannot see it (GraphQL: " + message + ")"),
            std::nullopt, rate);
      }
      if (type == "RESOURCE_LIMITS_EXCEEDED" || type == "MAX_NODE_LIMIT_EXCEEDED" ||
          mentions_timeout(message)) {
        throw HeavyQueryError(status,
                              redact("GraphQL query too heavy (" + type + ": " + message +
                                     "); retrying with fewer PRs"),
                              rate);
      }
      if (!(type == "NOT_FOUND" && is_follow_up_slot_alias(where))) only_missing_nodes = false;
    }
    // A follow-up for a PR deleted meanwhile answers null for its slot:
    // that is data. Any other error makes the
    // whole reply unusable, partial data included, so nothing of it is
    // stored as if complete.
    if (!only_missing_nodes) {
      std::string message;
      for (const auto& error : *errors)
        if (error.is_object()) message += (message.empty() ? "" : "; ") + text_of(error, "message");
      throw GitHubError(ErrorKind::kRetryable, status,
                        redact("GitHub GraphQL errors (" + quoted(message) + ")"), std::nullopt,
                        rate);
    }
  }
  auto data = doc.find("data");
  if (data == doc.end() || !data->is_object()) {
    throw GitHubError(ErrorKind::kRetryable, status, "GitHub GraphQL reply without data",
                      std::nullopt, rate);
  }
  return std::move(*data);
}

}  // namespace backfill::github
