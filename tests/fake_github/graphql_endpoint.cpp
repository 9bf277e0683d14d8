#include "fake_github/graphql_endpoint.hpp"

#include <nlohmann/json.hpp>

#include <random>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kGraphqlDocs = "https://docs.github.com/graphql";

std::string message_body(const std::string& message, const char* docs) {
  return Json{{"message", message}, {"documentation_url", docs}}.dump();
}

std::string errors_body(const Json& error, bool with_null_data) {
  Json body = Json::object();
  if (with_null_data) body["data"] = nullptr;
  body["errors"] = Json::array({error});
  return body.dump();
}

std::string random_secret() {
  std::random_device device;
  std::string secret;
  for (int i = 0; i < 4; ++i) secret += std::to_string(device());
  return secret;
}

}  // namespace

GraphqlEndpoint::GraphqlEndpoint() : secret_(random_secret()) {}

GraphqlEndpoint::~GraphqlEndpoint() { stop(); }

void GraphqlEndpoint::enable(std::string script, std::string modules) {
  std::lock_guard lock(mutex_);
  if (!sidecar_) sidecar_ = std::make_unique<GraphqlSidecar>(std::move(script), std::move(modules));
}

bool GraphqlEndpoint::enabled() const {
  std::lock_guard lock(mutex_);
  return sidecar_ != nullptr;
}

void GraphqlEndpoint::start(const std::string& base_url) {
  std::lock_guard lock(mutex_);
  if (sidecar_) sidecar_->start(base_url, secret_);
}

void GraphqlEndpoint::stop() {
  std::lock_guard lock(mutex_);
  if (sidecar_) sidecar_->stop();
}

void GraphqlEndpoint::set_fault_policy(std::shared_ptr<GraphqlFaultPolicy> policy) {
  std::lock_guard lock(mutex_);
  policy_ = std::move(policy);
}

void GraphqlEndpoint::set_secondary_points_per_minute(std::int64_t points) {
  std::lock_guard lock(mutex_);
  secondary_points_per_minute_ = points;
}

void GraphqlEndpoint::set_secondary_retry_after(std::int64_t seconds) {
  std::lock_guard lock(mutex_);
  secondary_retry_after_ = seconds;
}

std::size_t GraphqlEndpoint::next_index() {
  std::lock_guard lock(mutex_);
  return ++requests_;
}

bool GraphqlEndpoint::secondary_allows(const std::string& caller, std::int64_t now,
                                       std::int64_t points, std::int64_t& retry_after) {
  std::lock_guard lock(mutex_);
  Window& window = windows_[caller];
  if (now >= window.start + 60) window = Window{now, 0};
  if (window.points + points > secondary_points_per_minute_) {
    retry_after = std::max<std::int64_t>(secondary_retry_after_, window.start + 60 - now);
    return false;
  }
  window.points += points;
  return true;
}

GraphqlEndpoint::Reply GraphqlEndpoint::answer(const std::string& request_body,
                                               const Caller& caller, std::int64_t now,
                                               const std::string& request_id) {
  Reply reply;
  reply.budget = limiter_.peek(caller.key, caller.authenticated, now);
  if (!caller.authenticated) {
    // GitHub's GraphQL API has no anonymous budget at all.
    reply.budget = Budget{0, 0, now + RateLimiter::kWindowSeconds};
    reply.status = 401;
    reply.body = caller.rejected
                     ? message_body("Bad credentials", kGraphqlDocs)
                     : message_body("This endpoint requires you to be authenticated.",
                                    "https://docs.github.com/graphql/guides/"
                                    "forming-calls-with-graphql#authenticating-with-graphql");
    return reply;
  }
  const Json request = Json::parse(request_body, nullptr, false);
  if (request.is_discarded() || !request.is_object()) {
    reply.status = 400;
    reply.body = message_body("Problems parsing JSON", kGraphqlDocs);
    return reply;
  }
  if (!request.contains("query") || !request["query"].is_string()) {
    reply.body = errors_body(
        Json{{"message", "A query attribute must be specified and must be a string."}}, false);
    return reply;
  }
  Json call{{"query", request["query"]},
            {"variables", request.value("variables", Json::object())},
            {"operationName", request.value("operationName", Json())}};
  if (call["variables"].is_null()) call["variables"] = Json::object();

  GraphqlSidecar* sidecar = nullptr;
  std::shared_ptr<GraphqlFaultPolicy> policy;
  std::int64_t secondary_retry_after = 60;
  {
    std::lock_guard lock(mutex_);
    sidecar = sidecar_.get();
    policy = policy_;
    secondary_retry_after = secondary_retry_after_;
  }
  const SidecarReply planned = sidecar ? sidecar->post("/plan", call.dump()) : SidecarReply{};
  const Json plan = Json::parse(planned.body, nullptr, false);
  if (planned.status != 200 || !plan.is_object()) {
    reply.status = 502;
    reply.body =
        errors_body(Json{{"message", "The fake GitHub's GraphQL sidecar is not running."}}, true);
    return reply;
  }
  if (plan.contains("errors")) {
    // Refused before execution (syntax, schema, GitHub's limits): no charge.
    reply.body = Json{{"errors", plan["errors"]}}.dump();
    return reply;
  }
  const std::int64_t cost = plan.value("cost", 1);
  const bool mutation = plan.value("mutation", false);
  const auto secondary_body = [&] {
    return message_body(
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
        "If you reach out to GitHub Support for help, please include the request ID " +
            request_id + ".",
        "https://docs.github.com/graphql/overview/"
        "rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits");
  };
  std::int64_t retry_after = 0;
  if (!secondary_allows(caller.key, now, mutation ? 5 : 1, retry_after)) {
    reply.status = 403;
    reply.body = secondary_body();
    reply.retry_after = retry_after;
    return reply;
  }

  const GraphqlRequestInfo info{next_index(), plan.value("largestPage", std::int64_t{0}), cost};
  const GraphqlFault fault = policy ? policy->choose(info) : GraphqlFault::kNone;
  if (fault != GraphqlFault::kNone) reply.fault = graphql_fault_name(fault);
  const Json rate_limited{{"type", "RATE_LIMITED"},
                          {"code", "graphql_rate_limit"},
                          {"message", "API rate limit already exceeded for user ID 1."}};
  switch (fault) {
    case GraphqlFault::kSecondaryLimit403:
      reply.status = 403;
      reply.body = secondary_body();
      reply.retry_after = secondary_retry_after;
      return reply;
    case GraphqlFault::kBadGateway502:
      reply.status = 502;
      reply.body = errors_body(
          Json{{"message",
                "Something went wrong while executing your query. This may be the result of a "
                "timeout, or it could be a GitHub bug. Please include `" +
                    request_id + "` when reporting this issue."}},
          true);
      return reply;
    case GraphqlFault::kGatewayTimeout504:
      reply.status = 504;
      reply.body = message_body(
          "We couldn't respond to your request in time. Sorry about that. Please try resubmitting "
          "your request and contact us if the problem persists.",
          kGraphqlDocs);
      return reply;
    case GraphqlFault::kRateLimited:
      reply.budget = limiter_.exhaust(caller.key, caller.authenticated, now);
      reply.body = errors_body(rate_limited, true);
      return reply;
    case GraphqlFault::kMaxNodeLimitExceeded: {
      const std::int64_t nodes = std::max<std::int64_t>(plan.value("nodeCount", 0), 500'001);
      // "1,010,100": digits grouped by thousands, as GitHub writes them.
      const std::string digits = std::to_string(nodes);
      std::string message = "This query requests up to ";
      for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) message += ',';
        message += digits[i];
      }
      message += " possible nodes which exceeds the maximum limit of 500,000.";
      reply.body =
          errors_body(Json{{"type", "MAX_NODE_LIMIT_EXCEEDED"}, {"message", message}}, false);
      return reply;
    }
    case GraphqlFault::kResourceLimitsExceeded:
      reply.budget = limiter_.spend_points(caller.key, caller.authenticated, now, cost).budget;
      reply.body = errors_body(Json{{"type", "RESOURCE_LIMITS_EXCEEDED"},
                                    {"message", "Resource limits for this query exceeded."}},
                               true);
      return reply;
    default: break;
  }
  const RateLimiter::Spend spend =
      limiter_.spend_points(caller.key, caller.authenticated, now, cost);
  reply.budget = spend.budget;
  if (!spend.allowed) {
    reply.body = errors_body(rate_limited, true);
    return reply;
  }
  call["rateLimit"] = Json{{"cost", cost},
                           {"limit", spend.budget.limit},
                           {"remaining", spend.budget.remaining},
                           {"used", spend.budget.used()},
                           {"resetAt", iso8601(spend.budget.reset_epoch)},
                           {"nodeCount", plan.value("nodeCount", std::int64_t{0})}};
  call["requestId"] = request_id;
  if (fault == GraphqlFault::kNotFound) call["inject"] = "NOT_FOUND";
  if (fault == GraphqlFault::kPartialData) call["inject"] = "PARTIAL";
  const SidecarReply executed = sidecar->post("/execute", call.dump());
  if (executed.status != 200) {
    reply.status = 502;
    reply.body = errors_body(Json{{"message", "The fake GitHub's GraphQL sidecar failed."}}, true);
    return reply;
  }
  reply.body = executed.body;
  return reply;
}

}  // namespace fake_github
