#include "fake_github/routes.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "fake_github/conditional_get.hpp"
#include "fake_github/depth_endpoints.hpp"
#include "fake_github/dispatch_endpoint.hpp"
#include "fake_github/fault_policies.hpp"
#include "fake_github/github_errors.hpp"
#include "fake_github/json_text.hpp"
#include "fake_github/pagination.hpp"
#include "fake_github/pull_json.hpp"

namespace fake_github {
namespace {

std::int64_t wall_clock_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string raw_query_of(const std::string& target) {
  const auto question = target.find('?');
  return question == std::string::npos ? "" : target.substr(question + 1);
}

// "/a/b/c" -> {"a", "b", "c"}; empty segments (double slashes) are kept so
// that such paths do not match any route.
std::vector<std::string> segments_of(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

std::string rest_of(const std::vector<std::string>& segments, std::size_t from) {
  std::string rest;
  for (std::size_t i = from; i < segments.size(); ++i) rest += "/" + segments[i];
  return rest;
}

std::optional<std::int64_t> parse_id(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

nlohmann::ordered_json budget_json(const Budget& budget) {
  return {{"limit", budget.limit},
          {"used", budget.used()},
          {"remaining", budget.remaining},
          {"reset", budget.reset_epoch}};
}

}  // namespace

ApiRouter::ApiRouter(RepositoryStore& store, IssueTracker& tracker, RateLimiter& limiter,
                     RequestLog& log)
    : store_(store),
      tracker_(tracker),
      issue_endpoints_(store, tracker),
      limiter_(limiter),
      log_(log) {}

void ApiRouter::set_base_url(const std::string& base_url) {
  std::lock_guard lock(mutex_);
  base_url_ = base_url;
}

void ApiRouter::set_valid_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  valid_token_ = token;
}

void ApiRouter::set_read_only_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  read_only_tokens_.insert(token);
}

void ApiRouter::set_fault_policy(std::shared_ptr<FaultPolicy> policy) {
  std::lock_guard lock(mutex_);
  fault_policy_ = std::move(policy);
}

void ApiRouter::set_clock(Clock clock) {
  std::lock_guard lock(mutex_);
  clock_ = clock ? std::make_shared<const Clock>(std::move(clock)) : nullptr;
}

void ApiRouter::set_slow_reply_hold(std::chrono::milliseconds hold) {
  std::lock_guard lock(mutex_);
  slow_reply_hold_ = hold;
}

void ApiRouter::set_latency(std::chrono::milliseconds latency) {
  std::lock_guard lock(mutex_);
  latency_ = latency;
}

void ApiRouter::set_secondary_retry_after(std::int64_t seconds) {
  std::lock_guard lock(mutex_);
  secondary_retry_after_ = seconds;
}

std::int64_t ApiRouter::now_epoch() const {
  std::shared_ptr<const Clock> clock;
  {
    std::lock_guard lock(mutex_);
    clock = clock_;
  }
  return clock ? (*clock)() : wall_clock_epoch();
}

namespace {

// A distant server: whatever the answer, it leaves `latency` after the
// request arrived, the fake's own work included (a request the fake takes
// longer over leaves when ready). The wait, at the end of the handler, is
// cut short by stop().
class Turnaround {
 public:
  Turnaround(ReplyHold& hold, std::chrono::steady_clock::time_point arrived,
             std::chrono::milliseconds latency)
      : hold_(hold), due_(arrived + latency), latency_(latency) {}
  Turnaround(const Turnaround&) = delete;
  Turnaround& operator=(const Turnaround&) = delete;
  ~Turnaround() {
    if (latency_.count() <= 0) return;
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(due_ - std::chrono::steady_clock::now());
    if (left.count() > 0) hold_.wait(left);
  }

 private:
  ReplyHold& hold_;
  std::chrono::steady_clock::time_point due_;
  std::chrono::milliseconds latency_;
};

}  // namespace

void ApiRouter::handle(const httplib::Request& request, httplib::Response& response) {
  const std::int64_t now = now_epoch();
  const std::string raw_query = raw_query_of(request.target);
  RecordedRequest recorded;
  recorded.method = request.method;
  recorded.path = request.path;
  recorded.query = raw_query;
  recorded.authorization = request.get_header_value("Authorization");
  recorded.user_agent = request.get_header_value("User-Agent");
  recorded.body = request.body;
  recorded.at = std::chrono::steady_clock::now();
  recorded.epoch = now;
  const RequestLog::Ticket ticket = log_.record(recorded);
  log_.run_hook(ticket, recorded);
  std::chrono::milliseconds latency;
  {
    std::lock_guard lock(mutex_);
    latency = latency_;
  }
  const Turnaround turnaround(hold_, recorded.at, latency);

  std::shared_ptr<FaultPolicy> policy;
  {
    std::lock_guard lock(mutex_);
    policy = fault_policy_;
  }
  const Fault fault = policy ? policy->choose(ticket.index, recorded) : Fault::kNone;
  if (fault != Fault::kNone) log_.set_fault(ticket, fault_name(fault));

  if (fault == Fault::kConnectionReset) {
    drop_connection(request);
    return;  // status stays 0: nothing was sent
  }
  const std::string request_id = next_request_id();
  if (answered_by_edge(fault)) {
    log_.set_status(ticket, answer_from_edge(fault, request_id, response));
    return;
  }

  if (request.path == "/graphql" && request.method == "POST" && graphql_.enabled()) {
    answer_graphql(request, request_id, now, ticket, response);
    if (fault == Fault::kTruncatedBody) truncate_body(response);
    if (fault == Fault::kSlowReply && !hold_reply()) {
      drop_connection(request);
      return;
    }
    return;
  }

  Budget budget;
  Answer answer = answer_api(request, raw_query, fault, request_id, now, budget);
  const int status = answer.status;
  write_api_reply(std::move(answer), budget, request_id, response);
  if (fault == Fault::kTruncatedBody) truncate_body(response);
  if (fault == Fault::kSlowReply && !hold_reply()) {
    drop_connection(request);
    return;
  }
  log_.set_status(ticket, status);
}

ApiRouter::Answer ApiRouter::answer_api(const httplib::Request& request,
                                        const std::string& raw_query, Fault fault,
                                        const std::string& request_id, std::int64_t now,
                                        Budget& budget) {
  if (auto app_answer = app_endpoint(request, now)) {
    budget = limiter_.peek("app", true, now);
    return *app_answer;
  }
  const Caller caller = identify(request.get_header_value("Authorization"), now);
  if (is_server_error(fault)) {
    // The API broke before it could authenticate or count the request.
    budget = limiter_.peek(caller.key, caller.authenticated, now);
    return server_error(fault);
  }
  if (caller.rejected) {
    // A bad token is refused before it can spend anything.
    budget = limiter_.peek("", false, now);
    return {401, bad_credentials_body(), "", ""};
  }
  if (is_secondary_limit(fault)) {
    // Refused by the secondary limit while primary requests are left; with
    // none left the primary limit, checked first, answers below instead.
    budget = limiter_.peek(caller.key, caller.authenticated, now);
    if (budget.remaining > 0) return secondary_limit(fault, request_id);
  }
  if (request.path == "/rate_limit" && (request.method == "GET" || request.method == "HEAD")) {
    // Free, as on GitHub, and answered even when the budget is spent.
    budget = limiter_.peek(caller.key, caller.authenticated, now);
    const Budget graphql = caller.authenticated ? graphql_.limiter().peek(caller.key, true, now)
                                                : Budget{0, 0, budget.reset_epoch};
    return {200, rate_limit_body(budget, graphql), "", ""};
  }
  if (auto answer = answer_conditional(request, raw_query, caller, now, budget)) return *answer;
  const RateLimiter::Spend spend = limiter_.spend(caller.key, caller.authenticated, now);
  budget = spend.budget;
  if (!spend.allowed)
    return {403, rate_limited_body(caller.authenticated, request_id, now), "", ""};
  Answer answer = route(request, raw_query, caller, now);
  if (answer.status == 200 && (request.method == "GET" || request.method == "HEAD")) {
    answer.etag = weak_etag(answer.body);
    // Unauthenticated conditional requests are answered 304 too, but counted.
    if (not_modified(request.get_header_value("If-None-Match"),
                     request.get_header_value("If-Modified-Since"), answer.etag,
                     answer.last_modified)) {
      answer.status = 304;
      answer.body.clear();
      answer.link.clear();
    }
  }
  return answer;
}

std::optional<ApiRouter::Answer> ApiRouter::answer_conditional(const httplib::Request& request,
                                                               const std::string& raw_query,
                                                               const Caller& caller,
                                                               std::int64_t now, Budget& budget) {
  const std::string if_none_match = request.get_header_value("If-None-Match");
  const std::string if_modified_since = request.get_header_value("If-Modified-Since");
  const bool reading = request.method == "GET" || request.method == "HEAD";
  if (!reading || !caller.authenticated || (if_none_match.empty() && if_modified_since.empty())) {
    return std::nullopt;
  }
  budget = limiter_.peek(caller.key, caller.authenticated, now);
  if (budget.remaining <= 0) return std::nullopt;
  Answer answer = route(request, raw_query, caller, now);
  if (answer.status != 200) return std::nullopt;  // answered (and counted) as usual
  answer.etag = weak_etag(answer.body);
  if (not_modified(if_none_match, if_modified_since, answer.etag, answer.last_modified)) {
    answer.status = 304;
    answer.body.clear();
    answer.link.clear();
    return answer;
  }
  const RateLimiter::Spend spend = limiter_.spend(caller.key, caller.authenticated, now);
  budget = spend.budget;
  if (!spend.allowed) return std::nullopt;
  return answer;
}

void ApiRouter::write_api_reply(Answer answer, const Budget& budget, const std::string& request_id,
                                httplib::Response& response, const char* resource) {
  response.status = answer.status;
  response.set_header("server", "github.com");
  response.set_header("x-github-api-version-selected", "2022-11-28");
  response.set_header("x-github-media-type", "github.v3; format=json");
  response.set_header("x-ratelimit-limit", std::to_string(budget.limit));
  response.set_header("x-ratelimit-remaining", std::to_string(budget.remaining));
  response.set_header("x-ratelimit-reset", std::to_string(budget.reset_epoch));
  response.set_header("x-ratelimit-used", std::to_string(budget.used()));
  response.set_header("x-ratelimit-resource", resource);
  response.set_header("x-github-request-id", request_id);
  if (!answer.link.empty()) response.set_header("link", answer.link);
  if (!answer.location.empty()) response.set_header("location", answer.location);
  if (answer.retry_after >= 0)
    response.set_header("retry-after", std::to_string(answer.retry_after));
  if (!answer.etag.empty()) response.set_header("etag", answer.etag);
  if (answer.last_modified > 0)
    response.set_header("last-modified", http_date(answer.last_modified));
  // 204 No Content and 304 Not Modified carry neither body nor content type.
  if (answer.status == 204 || answer.status == 304) return;
  // With the charset parameter this content type is not on httplib's list of
  // compressible types, so the fake never spends seconds gzipping or
  // brotli-compressing multi-megabyte pages for a client that offers them.
  response.set_header("Content-Type", "application/json; charset=utf-8");
  response.body = std::move(answer.body);
}

ApiRouter::Caller ApiRouter::identify(const std::string& authorization, std::int64_t now) const {
  Caller caller;
  if (authorization.empty()) return caller;
  std::string token;
  for (const char* scheme : {"Bearer ", "bearer ", "token ", "Token "}) {
    const std::string prefix = scheme;
    if (authorization.compare(0, prefix.size(), prefix) == 0)
      token = authorization.substr(prefix.size());
  }
  if (app_.configured() && app_.is_installation_token(token)) {
    // Each installation has its own budget; an expired token is refused.
    const auto installation = app_.token_installation(token, now);
    caller.rejected = !installation;
    caller.authenticated = installation.has_value();
    if (installation) caller.key = "installation:" + std::to_string(*installation);
    return caller;
  }
  std::lock_guard lock(mutex_);
  caller.read_only = read_only_tokens_.count(token) != 0;
  if (token.empty() || (valid_token_ && token != *valid_token_ && !caller.read_only)) {
    caller.rejected = true;
    return caller;
  }
  caller.key = token;
  caller.authenticated = true;
  return caller;
}

// GitHub's installation object, as GET /repos/{o}/{r}/installation and
// GET /app/installations give it.
nlohmann::ordered_json ApiRouter::installation_json(const std::string& account,
                                                    std::int64_t installation, std::int64_t now) {
  std::string base;
  {
    std::lock_guard lock(mutex_);
    base = base_url_;
  }
  const std::string id = std::to_string(installation);
  return {{"id", installation},
          {"account", {{"login", account}, {"id", installation + 1000}, {"type", "Organization"}}},
          {"repository_selection", "all"},
          {"access_tokens_url", base + "/app/installations/" + id + "/access_tokens"},
          {"repositories_url", base + "/installation/repositories"},
          {"app_id", 1},
          {"target_id", installation + 1000},
          {"target_type", "Organization"},
          {"permissions",
           {{"pull_requests", "read"},
            {"metadata", "read"},
            {"issues", "write"},
            {"contents", "write"}}},
          {"events", nlohmann::json::array()},
          {"created_at", iso8601(now - 86400)},
          {"updated_at", iso8601(now - 86400)}};
}

std::optional<ApiRouter::Answer> ApiRouter::app_endpoint(const httplib::Request& request,
                                                         std::int64_t now) {
  if (!app_.configured()) return std::nullopt;
  const std::vector<std::string> segments = segments_of(request.path);
  const bool lookup = request.method == "GET" && segments.size() == 4 && segments[0] == "repos" &&
                      segments[3] == "installation";
  const bool mint = request.method == "POST" && segments.size() == 4 && segments[0] == "app" &&
                    segments[1] == "installations" && segments[3] == "access_tokens";
  const bool list = request.method == "GET" && segments.size() == 2 && segments[0] == "app" &&
                    segments[1] == "installations";
  if (!lookup && !mint && !list) return std::nullopt;

  const std::string authorization = request.get_header_value("Authorization");
  const std::string bearer = "Bearer ";
  const std::string jwt =
      authorization.rfind(bearer, 0) == 0 ? authorization.substr(bearer.size()) : "";
  if (const std::string problem = app_.jwt_problem(jwt, now); !problem.empty()) {
    return Answer{401,
                  nlohmann::json{{"message", problem}, {"documentation_url", kGenericDocs}}.dump(),
                  "", ""};
  }
  if (lookup) {
    const auto installation = app_.installation_of(segments[1]);
    if (store_.lookup(segments[1], segments[2]).kind != NameLookup::Kind::kFound || !installation) {
      return Answer{404,
                    not_found_body("https://docs.github.com/rest/apps/"
                                   "apps#get-a-repository-installation-for-the-authenticated-app"),
                    "", ""};
    }
    return Answer{200, installation_json(segments[1], *installation, now).dump(), "", ""};
  }
  if (list) {
    // One page holds them all: a test App has a handful of installations.
    nlohmann::ordered_json body = nlohmann::ordered_json::array();
    for (const auto& [account, id] : app_.installations()) {
      body.push_back(installation_json(account, id, now));
    }
    return Answer{200, body.dump(), "", ""};
  }
  const auto installation = parse_id(segments[2]);
  if (!installation || !app_.has_installation(*installation)) {
    return Answer{404,
                  not_found_body("https://docs.github.com/rest/apps/"
                                 "apps#create-an-installation-access-token-for-an-app"),
                  "", ""};
  }
  auto requested =
      nlohmann::json::parse(request.body.empty() ? "{}" : request.body, nullptr, false);
  nlohmann::json permissions = requested.is_object() && requested.contains("permissions")
                                   ? requested["permissions"]
                                   : nlohmann::json{{"pull_requests", "read"},
                                                    {"metadata", "read"},
                                                    {"issues", "write"},
                                                    {"contents", "write"}};
  const auto [token, expires] = app_.mint(*installation, now);
  nlohmann::ordered_json body = {{"token", token},
                                 {"expires_at", iso8601(expires)},
                                 {"permissions", permissions},
                                 {"repository_selection", "all"}};
  return Answer{201, body.dump(), "", ""};
}

ApiRouter::Answer ApiRouter::route(const httplib::Request& request, const std::string& raw_query,
                                   const Caller& caller, std::int64_t now) {
  const Answer not_found{404, not_found_body(kGenericDocs), "", ""};
  const bool reading = request.method == "GET" || request.method == "HEAD";
  if (!reading && request.method != "POST" && request.method != "PATCH") return not_found;
  const std::vector<std::string> segments = segments_of(request.path);

  if (segments.size() >= 3 && segments[0] == "repos") {
    const std::string rest = rest_of(segments, 3);
    const NameLookup found = store_.lookup(segments[1], segments[2]);
    switch (found.kind) {
      case NameLookup::Kind::kFound:
        return repository_endpoint(found.id, rest, request, raw_query, caller, now);
      case NameLookup::Kind::kMoved: {
        std::string base;
        {
          std::lock_guard lock(mutex_);
          base = base_url_;
        }
        std::string url = base + "/repositories/" + std::to_string(found.id) + rest;
        if (!raw_query.empty()) url += "?" + raw_query;
        // Like GitHub: reads are moved permanently; writes get 307 so that a
        // client following the redirect repeats the same method and body.
        return {reading ? 301 : 307, moved_permanently_body(url), "", url};
      }
      case NameLookup::Kind::kMissing:
        if (reading && rest.empty()) return {404, not_found_body(kGetRepositoryDocs), "", ""};
        if (reading && rest == "/pulls") return {404, not_found_body(kListPullsDocs), "", ""};
        if (const char* docs = IssueEndpoints::documentation_for(rest, request.method)) {
          return {404, not_found_body(docs), "", ""};
        }
        return not_found;
    }
  }
  if (segments.size() >= 2 && segments[0] == "repositories") {
    if (const auto id = parse_id(segments[1])) {
      return repository_endpoint(*id, rest_of(segments, 2), request, raw_query, caller, now);
    }
  }
  return not_found;
}

ApiRouter::Answer ApiRouter::repository_endpoint(std::int64_t id, const std::string& rest,
                                                 const httplib::Request& request,
                                                 const std::string& raw_query, const Caller& caller,
                                                 std::int64_t now) {
  const bool reading = request.method == "GET" || request.method == "HEAD";
  const auto rendering = store_.rendering(id);
  if (reading && rendering && !rest.empty()) {
    if (const auto snapshot = store_.depth(id)) {
      std::string base;
      {
        std::lock_guard lock(mutex_);
        base = base_url_;
      }
      if (auto reply = answer_depth_listing(*snapshot, rest,
                                            DepthRequest{request.params, raw_query, base})) {
        return {reply->status, std::move(reply->body), std::move(reply->link),
                std::move(reply->location)};
      }
    }
  }
  if (reading && rest.empty()) {
    if (!rendering) return {404, not_found_body(kGetRepositoryDocs), "", ""};
    return {200, rendering->full_json, "", ""};
  }
  if (reading && rest == "/pulls") return list_pulls(id, request, raw_query);
  if (rendering) {
    const WriteAccess access{caller.authenticated, caller.read_only};
    if (rest == "/dispatches" && request.method == "POST") {
      const EndpointReply reply = create_dispatch(tracker_, id, request.body, access, now);
      return {reply.status, reply.body, reply.link, reply.location};
    }
    std::string base;
    {
      std::lock_guard lock(mutex_);
      base = base_url_;
    }
    const EndpointRequest endpoint_request{
        request.method, request.params, raw_query, request.body, access, now, base};
    if (auto reply = issue_endpoints_.answer(id, rest, endpoint_request)) {
      return {reply->status, std::move(reply->body), std::move(reply->link),
              std::move(reply->location)};
    }
  } else if (const char* docs = IssueEndpoints::documentation_for(rest, request.method)) {
    return {404, not_found_body(docs), "", ""};
  }
  return {404, not_found_body(kGenericDocs), "", ""};
}

ApiRouter::Answer ApiRouter::list_pulls(std::int64_t id, const httplib::Request& request,
                                        const std::string& raw_query) {
  const PageRequest page_request = parse_page_request(request.params);
  const std::optional<PageSlice> slice = store_.page(id, page_request);
  if (!slice) return {404, not_found_body(kListPullsDocs), "", ""};
  const std::int64_t last_page =
      std::max<std::int64_t>(1, (slice->total + page_request.per_page - 1) / page_request.per_page);
  std::string base;
  {
    std::lock_guard lock(mutex_);
    base = base_url_;
  }
  Answer answer{200, render_pull_array(*slice->rendering, slice->seed, slice->pulls),
                pulls_link_header(base, id, raw_query, page_request.page, last_page), ""};
  answer.last_modified = slice->last_modified;
  return answer;
}

std::string ApiRouter::rate_limit_body(const Budget& core, const Budget& graphql) const {
  const Budget search{30, 30, core.reset_epoch};
  const Budget other{5000, 5000, core.reset_epoch};
  nlohmann::ordered_json resources = {
      {"core", budget_json(core)},
      {"search", budget_json(search)},
      {"graphql", budget_json(graphql)},
      {"integration_manifest", budget_json(other)},
      {"source_import", budget_json(Budget{100, 100, core.reset_epoch})},
      {"code_scanning_upload", budget_json(Budget{1000, 1000, core.reset_epoch})},
      {"actions_runner_registration", budget_json(Budget{10000, 10000, core.reset_epoch})},
      {"scim", budget_json(Budget{15000, 15000, core.reset_epoch})},
      {"dependency_snapshots", budget_json(Budget{100, 100, core.reset_epoch})},
      {"code_search", budget_json(Budget{10, 10, core.reset_epoch})},
  };
  return nlohmann::ordered_json{{"resources", resources}, {"rate", budget_json(core)}}.dump();
}

std::string ApiRouter::next_request_id() {
  const std::uint64_t n = ++request_counter_;
  const std::uint64_t h = mix64(n);
  char text[48];
  std::snprintf(text, sizeof text, "%04X:%04X:%06X:%06X:%08X", static_cast<unsigned>(h & 0xFFFF),
                static_cast<unsigned>((h >> 16) & 0xFFFF),
                static_cast<unsigned>((h >> 32) & 0xFFFFFF), static_cast<unsigned>(n & 0xFFFFFF),
                static_cast<unsigned>((h >> 56) | (n << 8)));
  return text;
}

}  // namespace fake_github
