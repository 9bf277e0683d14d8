#include "support/scripted_graphql.hpp"

#include <algorithm>

#include "support/scripted_transport.hpp"

namespace backfill::testing {
namespace {

using nlohmann::json;

std::string two_digits(std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// 2024-01-DDTHH:MM:00Z, growing with n (creation order is PR order).
std::string time_of(std::int64_t n) {
  return "2024-01-" + two_digits(1 + (n / 1440) % 28) + "T" + two_digits((n / 60) % 24) + ":" +
         two_digits(n % 60) + ":00Z";
}

// Deleted accounts (ghost) are null; every tenth a bot.
json actor(std::int64_t seed) {
  if (seed % 10 == 3) return nullptr;
  if (seed % 10 == 5) {
    return {{"__typename", "Bot"},
            {"login", "dependabot"},
            {"avatarUrl", "https://avatars.githubusercontent.com/in/29110?v=4"},
            {"databaseId", 49699333}};
  }
  const std::int64_t id = 100 + seed % 7;
  return {{"__typename", "User"},
          {"login", "user" + std::to_string(id)},
          {"avatarUrl", "https://avatars.githubusercontent.com/u/" + std::to_string(id) + "?v=4"},
          {"databaseId", id}};
}

std::int64_t after_index(const json& after) {
  if (!after.is_string()) return 0;
  const std::string text = after.get<std::string>();
  return std::stoll(text.substr(text.rfind(':') + 1)) + 1;
}

json connection(std::int64_t total, std::int64_t start, std::int64_t first, bool with_nodes,
                const std::string& cursor_prefix, const std::function<json(std::int64_t)>& node) {
  const std::int64_t end = std::min(total, start + first);
  json out = {{"totalCount", total},
              {"pageInfo",
               {{"hasNextPage", end < total},
                {"endCursor",
                 end > start ? json(cursor_prefix + std::to_string(end - 1)) : json(nullptr)}}}};
  if (with_nodes) {
    json nodes = json::array();
    for (std::int64_t i = start; i < end; ++i) nodes.push_back(node(i));
    out["nodes"] = nodes;
  }
  return out;
}

json review_node(std::int64_t number, std::int64_t i) {
  static const char* states[] = {"APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"};
  return {{"fullDatabaseId", std::to_string(ScriptedGraphql::review_id(number, i))},
          {"author", actor(number + i)},
          {"state", states[i % 4]},
          {"body", i % 2 ? "looks good" : ""},
          {"submittedAt", time_of(number + i)}};
}

json comment_node(std::int64_t number, std::int64_t i) {
  return {{"fullDatabaseId", std::to_string(ScriptedGraphql::comment_id(number, i))},
          {"author", actor(number * 3 + i)},
          {"body", "comment " + std::to_string(i) + " on #" + std::to_string(number)},
          {"createdAt", time_of(number + i)},
          {"updatedAt", time_of(number + i + 1)}};
}

}  // namespace

json graphql_error_body(const std::string& type, const std::string& message,
                        const std::string& path) {
  json error = {{"type", type}, {"message", message}};
  if (!path.empty()) error["path"] = json::array({path});
  return {{"data", nullptr}, {"errors", json::array({error})}};
}

github::HttpResponse ScriptedGraphql::reply(long status, const json& body) const {
  return json_reply(status, body.dump(),
                    {{"x-ratelimit-limit", "5000"},
                     {"x-ratelimit-remaining", std::to_string(points_remaining)},
                     {"x-ratelimit-used", std::to_string(5000 - points_remaining)},
                     {"x-ratelimit-reset", std::to_string(reset_epoch)},
                     {"x-ratelimit-resource", "graphql"}});
}

json ScriptedGraphql::rate_limit(std::int64_t cost) {
  points_remaining -= cost;
  return {{"cost", cost},
          {"limit", 5000},
          {"remaining", points_remaining},
          {"resetAt", "2030-03-17T17:46:40Z"},
          {"used", 5000 - points_remaining},
          {"nodeCount", 100}};
}

github::HttpResponse ScriptedGraphql::answer(const github::HttpRequest& request) {
  const json body = json::parse(request.body);
  const std::string query = body.at("query").get<std::string>();
  const json& variables = body.at("variables");
  const std::string operation = query.find("query PullRequestPage") != std::string::npos
                                    ? "PullRequestPage"
                                    : "PullRequestChildren";
  const std::size_t index = requests_++;
  if (operation == "PullRequestPage") page_sizes_.push_back(variables.at("first").get<int>());
  if (fault) {
    if (auto replaced = fault(index, operation, variables)) return *replaced;
  }
  json errors = json::array();
  json reply_body = {{"data", operation == "PullRequestPage" ? pull_page(variables)
                                                             : children(variables, errors)}};
  if (!errors.empty()) reply_body["errors"] = errors;
  return reply(200, reply_body);
}

json ScriptedGraphql::pull_page(const json& v) {
  const std::int64_t start = after_index(v.at("after"));
  const std::int64_t first = v.at("first").get<std::int64_t>();
  json data;
  data["rateLimit"] = rate_limit(2);
  data["repository"] = {
      {"databaseId", 4242},
      {"pullRequests", connection(pulls, start, first, true, "cursor:v2:", [&](std::int64_t i) {
         const std::int64_t n = i + 1;
         const bool merged = n % 3 == 0;
         return json{
             {"id", "PR_node" + std::to_string(n)},
             {"fullDatabaseId", std::to_string(pull_id(n))},
             {"number", n},
             {"title", "Change " + std::to_string(n)},
             {"body", n % 5 ? "Body of " + std::to_string(n) : ""},
             {"state", merged       ? "MERGED"
                       : n % 3 == 1 ? "OPEN"
                                    : "CLOSED"},
             {"isDraft", n % 11 == 0},
             {"url", "https://github.com/octo/repo/pull/" + std::to_string(n)},
             {"headRefName", "feature-" + std::to_string(n)},
             {"baseRefName", "main"},
             {"createdAt", time_of(n)},
             {"updatedAt", time_of(n + 5)},
             {"closedAt", n % 3 == 1 ? json(nullptr) : json(time_of(n + 2))},
             {"mergedAt", merged ? json(time_of(n + 2)) : json(nullptr)},
             {"mergeCommit", merged ? json{{"oid", "abc" + std::to_string(n)}} : json(nullptr)},
             {"author", actor(n)},
             {"additions", n * 3},
             {"deletions", n},
             {"changedFiles", 1 + n % 9},
             {"commits", {{"totalCount", 1 + n % 4}}},
             {"reviewDecision", n % 4 == 0 ? json("APPROVED") : json(nullptr)},
             {"mergedBy", merged ? actor(n + 1) : json(nullptr)},
             {"comments",
              connection(comments_of(n), 0, v.at("comments").get<std::int64_t>(),
                         v.at("withComments").get<bool>(), "c:" + std::to_string(n) + ":",
                         [&](std::int64_t k) { return comment_node(n, k); })},
             {"reviews", connection(reviews_of(n), 0, v.at("reviews").get<std::int64_t>(),
                                    v.at("withReviews").get<bool>(), "r:" + std::to_string(n) + ":",
                                    [&](std::int64_t k) { return review_node(n, k); })}};
       })}};
  return data;
}

// One slot per PR (pull0, pull1, ...: github/follow_up_query.hpp), each
// with its own id and cursors; a PR gone is null with GitHub's NOT_FOUND
// error at its slot.
json ScriptedGraphql::children(const json& v, json& errors) {
  json data;
  data["rateLimit"] = rate_limit(1);
  follow_up_slots_.push_back(0);
  for (int slot = 0; v.contains("id" + std::to_string(slot)); ++slot) {
    ++follow_up_slots_.back();
    const std::string k = std::to_string(slot);
    const std::string alias = "pull" + k;
    const std::string id = v.at("id" + k).get<std::string>();
    const std::int64_t n = std::stoll(id.substr(std::string("PR_node").size()));
    if (n < 1 || n > pulls || vanished.count(n)) {
      data[alias] = nullptr;
      errors.push_back(
          {{"type", "NOT_FOUND"},
           {"path", json::array({alias})},
           {"message", "Could not resolve to a node with the global id of '" + id + "'"}});
      continue;
    }
    const std::int64_t first = v.at("first").get<std::int64_t>();
    json node = {{"id", id}};
    if (v.at("withComments" + k).get<bool>()) {
      node["comments"] = connection(comments_of(n), after_index(v.at("commentsAfter" + k)), first,
                                    true, "c:" + std::to_string(n) + ":",
                                    [&](std::int64_t i) { return comment_node(n, i); });
    }
    if (v.at("withReviews" + k).get<bool>()) {
      node["reviews"] = connection(reviews_of(n), after_index(v.at("reviewsAfter" + k)), first,
                                   true, "r:" + std::to_string(n) + ":",
                                   [&](std::int64_t i) { return review_node(n, i); });
    }
    data[alias] = node;
  }
  return data;
}

}  // namespace backfill::testing
