// GitHubClient: builds the REST requests, and turns replies into values or
// GitHubErrors. No retrying here: one call, one request.
#include "backfill/github/client.hpp"

#include <nlohmann/json.hpp>

#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/github/link_header.hpp"

namespace backfill::github {
namespace {

bool is_success(long status) { return status >= 200 && status <= 299; }

std::string status_and_detail(long status, const std::string& detail) {
  return "(" + std::to_string(status) + (detail.empty() ? "" : " " + detail) + ")";
}

// GitHubError for a 2xx whose body is not what the endpoint documents: an
// HTML error page from a proxy, or JSON cut short. Worth retrying.
GitHubError unparsable(const HttpResponse& response, const std::string& what) {
  return GitHubError(
      ErrorKind::kRetryable, response.status,
      redact("GitHub sent an unparsable reply " + status_and_detail(response.status, what)),
      std::nullopt, parse_rate_limit(response.headers));
}

Origin required_origin(const std::string& url, const char* what) {
  auto origin = parse_origin(url);
  if (!origin) {
    throw UsageError(redact(std::string("invalid ") + what + " '" + url +
                            "': expected http(s)://HOST[:PORT][/PATH], without user:password@"));
  }
  return *origin;
}

std::string origins_text(const std::vector<Origin>& origins) {
  std::string text;
  for (const auto& origin : origins) text += (text.empty() ? "" : ", ") + origin.text();
  return text;
}

}  // namespace

GitHubClient::GitHubClient(ClientParams params, HttpTransport& transport)
    : params_(std::move(params)), transport_(transport) {
  while (!params_.api_url.empty() && params_.api_url.back() == '/') params_.api_url.pop_back();
  // Whatever reaches a message or a log from here on cannot show the token.
  if (!params_.token.empty()) register_secret(params_.token);
  allowed_origins_.push_back(required_origin(params_.api_url, "API URL"));
  for (const auto& extra : params_.extra_origins)
    allowed_origins_.push_back(required_origin(extra, "allowed origin"));
  // Before the first query too, a governor must know that GraphQL's budget
  // is the one a query draws on (engine::RequestRunner).
  graphql_rate_.resource = "graphql";
}

HttpResponse GitHubClient::call(const std::string& method, const std::string& path,
                                const std::string& json_body) {
  HttpResponse response = send(method, params_.api_url + path, json_body);
  if (!is_success(response.status)) throw classify_failure(response);
  return response;
}

HttpResponse GitHubClient::send(const std::string& method, const std::string& url,
                                const std::string& body,
                                const std::vector<std::string>& extra_headers) {
  HttpResponse response = send_once(method, url, body, extra_headers);
  // An installation token GitHub no longer takes (revoked, or the clock ran
  // ahead of ours): one new token, one retry; a second 401 stands.
  if (response.status == 401 && params_.auth && params_.auth->rejected(url))
    response = send_once(method, url, body, extra_headers);
  return response;
}

HttpResponse GitHubClient::send_once(const std::string& method, const std::string& url,
                                     const std::string& body,
                                     const std::vector<std::string>& extra_headers) {
  // The token must not follow a Link (or any URL a reply gave) elsewhere;
  // nor, for that matter, may the request, so nothing is sent at all.
  if (!url_has_allowed_origin(url, allowed_origins_)) {
    throw GitHubError(ErrorKind::kRefused, 0,
                      redact("refusing to request " + url + ": it is not on the API's origin (" +
                             origins_text(allowed_origins_) + "), the only place the token goes"));
  }
  HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.headers = {
      "Accept: application/vnd.github+json",
      "X-GitHub-Api-Version: 2022-11-28",
  };
  if (!params_.user_agent.empty()) request.headers.push_back("User-Agent: " + params_.user_agent);
  if (params_.auth) {
    if (auto value = params_.auth->authorization(url); !value.empty())
      request.headers.push_back("Authorization: " + value);
  } else if (!params_.token.empty()) {
    request.headers.push_back("Authorization: Bearer " + params_.token);
  }
  if (!body.empty()) request.headers.push_back("Content-Type: application/json");
  request.headers.insert(request.headers.end(), extra_headers.begin(), extra_headers.end());
  ++requests_;
  HttpResponse response = transport_.perform(request);
  RateLimitSnapshot rate = parse_rate_limit(response.headers);
  if (rate.known()) (rate.resource == "graphql" ? graphql_rate_ : rate_) = std::move(rate);
  return response;
}

HttpResponse GitHubClient::get_listing(const std::string& url) {
  HttpResponse response = get(url);
  if (!is_success(response.status)) throw classify_failure(response);
  return response;
}

HttpResponse GitHubClient::post_json(const std::string& url, const std::string& json_body) {
  return send("POST", url, json_body);
}

RepositoryInfo GitHubClient::get_repository(const RepoName& repo) {
  HttpResponse response = get(params_.api_url + "/repos/" + repo.owner + "/" + repo.name);
  if (!is_success(response.status)) throw classify_failure(response);
  auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) throw unparsable(response, "the repository is not a JSON object");
  auto id = doc.find("id");
  if (id == doc.end() || !id->is_number_integer())
    throw unparsable(response, "the repository has no integer id");

  RepositoryInfo info;
  info.github_id = id->get<std::int64_t>();
  info.name = repo;
  // After a rename GitHub redirects and answers with the new spelling.
  auto full_name = doc.find("full_name");
  if (full_name != doc.end() && full_name->is_string()) {
    const std::string& text = full_name->get_ref<const std::string&>();
    auto slash = text.find('/');
    if (slash != std::string::npos && slash > 0 && slash + 1 < text.size())
      info.name = RepoName{text.substr(0, slash), text.substr(slash + 1)};
  }
  return info;
}

std::int64_t GitHubClient::count_pulls(const RepoName& repo) {
  std::string url = params_.api_url + "/repos/" + repo.owner + "/" + repo.name +
                    "/pulls?state=all&sort=created&direction=asc&per_page=1&page=1";
  HttpResponse response = get(url);
  if (!is_success(response.status)) throw classify_failure(response);
  if (auto link = response.headers.get("link")) {
    auto links = parse_link_header(*link);
    if (auto last = links.find("last"); last != links.end()) {
      if (auto pages = page_param(last->second)) return *pages;
      throw unparsable(response, "Link rel=\"last\" without a page number");
    }
  }
  // No rel="last": everything fits on this one page of one.
  try {
    return static_cast<std::int64_t>(parse_pull_page(response.body).size());
  } catch (const std::runtime_error& e) {
    throw unparsable(response, e.what());
  }
}

PullPage GitHubClient::list_pulls(const RepoName& repo, long page) {
  std::string url =
      params_.api_url + "/repos/" + repo.owner + "/" + repo.name +
      "/pulls?state=all&sort=created&direction=asc&per_page=" + std::to_string(kPageSize) +
      "&page=" + std::to_string(page);
  return to_page(get(url), url);
}

PullPage GitHubClient::fetch_pulls(const std::string& url) { return to_page(get(url), url); }

std::optional<PullPage> GitHubClient::list_pulls_by_update(const RepoName& repo, long page,
                                                           const Validators& validators) {
  std::string url =
      params_.api_url + "/repos/" + repo.owner + "/" + repo.name +
      "/pulls?state=all&sort=updated&direction=desc&per_page=" + std::to_string(kPageSize) +
      "&page=" + std::to_string(page);
  std::vector<std::string> conditional;
  // Header values come from GitHub's own replies; a line break in one would
  // forge another header, so such a value is not sent.
  const auto safe = [](const std::string& v) {
    return v.find_first_of("\r\n") == std::string::npos;
  };
  if (validators.etag && safe(*validators.etag))
    conditional.push_back("If-None-Match: " + *validators.etag);
  if (validators.last_modified && safe(*validators.last_modified))
    conditional.push_back("If-Modified-Since: " + *validators.last_modified);
  HttpResponse response = send("GET", url, "", conditional);
  if (response.status == 304) return std::nullopt;
  return to_page(response, url);
}

PullPage GitHubClient::to_page(const HttpResponse& response, const std::string& url) {
  if (!is_success(response.status)) throw classify_failure(response);
  PullPage page;
  page.page = page_param(url).value_or(1);
  page.url = url;
  try {
    page.items = parse_pull_page(response.body);
  } catch (const std::runtime_error& e) {
    throw unparsable(response, e.what());
  }
  if (auto link = response.headers.get("link")) {
    auto links = parse_link_header(*link);
    if (auto next = links.find("next"); next != links.end()) page.next_url = next->second;
  }
  page.rate = parse_rate_limit(response.headers);
  page.etag = response.headers.get("etag");
  page.last_modified = response.headers.get("last-modified");
  return page;
}

std::vector<RateLimitSnapshot> GitHubClient::rate_limits() {
  HttpResponse response = get(params_.api_url + "/rate_limit");
  if (!is_success(response.status)) throw classify_failure(response);
  auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("resources") || !doc["resources"].is_object()) {
    throw unparsable(response, "no resources object");
  }
  std::vector<RateLimitSnapshot> out;
  for (const auto& [name, value] : doc["resources"].items()) {
    if (!value.is_object()) continue;
    RateLimitSnapshot r;
    r.resource = name;
    // Bound by name, not captured: clang (tidy's front end) before 16
    // cannot capture a structured binding.
    auto number = [&object = value](const char* key) -> std::optional<std::int64_t> {
      auto it = object.find(key);
      if (it == object.end() || !it->is_number_integer()) return std::nullopt;
      return it->get<std::int64_t>();
    };
    r.limit = number("limit");
    r.remaining = number("remaining");
    r.used = number("used");
    r.reset_epoch = number("reset");
    sanitize(r);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace backfill::github
