// Installation tokens of a GitHub App. The App's own requests (lookup, mint)
// go over the same transport, signed with a JWT minted for each; failures
// become GitHubErrors like any reply, so the caller's runner retries a 5xx.
#include "backfill/github/app_installation_tokens.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"

namespace backfill::github {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

struct RepoPath {
  std::string owner, repo;
};

// "/repos/{owner}/{repo}/..." under the API URL, else nothing.
std::optional<RepoPath> repo_of(const std::string& api_url, const std::string& url) {
  if (url.rfind(api_url, 0) != 0) return std::nullopt;
  std::string path = url.substr(api_url.size());
  path = path.substr(0, path.find_first_of("?#"));
  const std::string prefix = "/repos/";
  if (path.rfind(prefix, 0) != 0) return std::nullopt;
  auto slash = path.find('/', prefix.size());
  if (slash == std::string::npos || slash == prefix.size()) return std::nullopt;
  auto end = path.find('/', slash + 1);
  std::string repo = path.substr(slash + 1, end == std::string::npos ? end : end - slash - 1);
  if (repo.empty()) return std::nullopt;
  return RepoPath{path.substr(prefix.size(), slash - prefix.size()), repo};
}

GitHubError with_context(const GitHubError& e, const std::string& what) {
  return GitHubError(e.kind(), e.status(), redact(what + ": " + e.what()), e.retry_after_seconds(),
                     e.rate(), e.secondary_limit());
}

GitHubError unexpected(const HttpResponse& response, const std::string& what) {
  return GitHubError(
      ErrorKind::kRetryable, response.status,
      "GitHub sent an unparsable reply (" + std::to_string(response.status) + " " + what + ")");
}

}  // namespace

AppInstallationTokens::AppInstallationTokens(AppJwtSigner signer, AppAuthParams params,
                                             HttpTransport& transport, Clock& clock)
    : signer_(std::move(signer)), params_(std::move(params)), transport_(transport), clock_(clock) {
  while (!params_.api_url.empty() && params_.api_url.back() == '/') params_.api_url.pop_back();
  current_ = params_.installation_id;
}

HttpResponse AppInstallationTokens::send_as_app(const std::string& method, const std::string& path,
                                                const std::string& body) {
  const std::string jwt = signer_.mint(clock_.now());
  register_secret(jwt);
  HttpRequest request;
  request.method = method;
  request.url = params_.api_url + path;
  request.body = body;
  request.headers = {"Accept: application/vnd.github+json", "X-GitHub-Api-Version: 2022-11-28",
                     "Authorization: Bearer " + jwt};
  if (!params_.user_agent.empty()) request.headers.push_back("User-Agent: " + params_.user_agent);
  if (!body.empty()) request.headers.push_back("Content-Type: application/json");
  return transport_.perform(request);
}

std::int64_t AppInstallationTokens::lookup_installation(const std::string& owner,
                                                        const std::string& repo) {
  const std::string key = lower(owner);
  if (auto found = installation_by_owner_.find(key); found != installation_by_owner_.end())
    return found->second;
  HttpResponse response = send_as_app("GET", "/repos/" + owner + "/" + repo + "/installation", "");
  if (response.status == 404) {
    throw GitHubError(ErrorKind::kNotFound, 404,
                      "the GitHub App (" + std::string(kAppIdEnv) + " " + signer_.app_id() +
                          ") is not installed on " + owner + "/" + repo +
                          ": install it on the account " + owner +
                          " with access to the repository");
  }
  if (response.status < 200 || response.status > 299)
    throw with_context(classify_failure(response),
                       "finding the GitHub App's installation for " + owner + "/" + repo);
  auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("id") || !doc["id"].is_number_integer())
    throw unexpected(response, "the installation has no integer id");
  const auto id = doc["id"].get<std::int64_t>();
  installation_by_owner_[key] = id;
  return id;
}

std::vector<AppInstallationTokens::Installation> AppInstallationTokens::installations() {
  constexpr std::size_t kPerPage = 100;
  std::vector<Installation> all;
  for (int page = 1;; ++page) {
    HttpResponse response = send_as_app(
        "GET",
        "/app/installations?per_page=" + std::to_string(kPerPage) + "&page=" + std::to_string(page),
        "");
    if (response.status < 200 || response.status > 299)
      throw with_context(classify_failure(response), "listing the GitHub App's installations");
    auto doc = nlohmann::json::parse(response.body, nullptr, false);
    if (!doc.is_array()) throw unexpected(response, "the installations are not a JSON array");
    for (const auto& item : doc) {
      if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer())
        throw unexpected(response, "an installation has no integer id");
      Installation installation{item["id"].get<std::int64_t>(), ""};
      if (item.contains("account") && item["account"].is_object() &&
          item["account"].contains("login") && item["account"]["login"].is_string()) {
        installation.account = item["account"]["login"].get<std::string>();
      }
      all.push_back(installation);
    }
    // A short page is the last one (GitHub fills every page but the last).
    if (doc.size() < kPerPage) return all;
  }
}

std::int64_t AppInstallationTokens::sole_installation() {
  const auto all = installations();
  if (all.size() != 1) {
    throw GitHubError(ErrorKind::kClientError, 0,
                      "the GitHub App has " + std::to_string(all.size()) +
                          " installations and this request names no repository: set "
                          "GITHUB_APP_INSTALLATION_ID to the one to use");
  }
  return all.front().id;
}

std::int64_t AppInstallationTokens::installation_for(const std::string& url) {
  if (!params_.installation_id) {
    if (auto repo = repo_of(params_.api_url, url)) {
      current_ = lookup_installation(repo->owner, repo->repo);
    }
  }
  if (!current_) current_ = sole_installation();
  return *current_;
}

AppInstallationTokens::Token AppInstallationTokens::mint(std::int64_t installation) {
  const std::string what = "minting a token for installation " + std::to_string(installation);
  const std::string body = R"({"permissions":)" + params_.permissions_json + "}";
  HttpResponse response = send_as_app(
      "POST", "/app/installations/" + std::to_string(installation) + "/access_tokens", body);
  if (response.status < 200 || response.status > 299)
    throw with_context(classify_failure(response), what);
  auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("token") || !doc["token"].is_string() ||
      !doc.contains("expires_at") || !doc["expires_at"].is_string())
    throw unexpected(response, "the access token reply has no token or expires_at");
  Token token{doc["token"].get<std::string>(), {}};
  // A secret before anything else can print it.
  register_secret(token.value);
  if (params_.on_secret) params_.on_secret(token.value);
  try {
    token.expires_at = parse_iso8601(doc["expires_at"].get<std::string>());
  } catch (const std::invalid_argument&) {
    throw unexpected(response, "expires_at is not a time");
  }
  ++minted_;
  spdlog::debug("minted a GitHub App installation token for installation {}, expiring {}",
                installation, format_iso8601(token.expires_at));
  return token;
}

const AppInstallationTokens::Token& AppInstallationTokens::token_for(std::int64_t installation) {
  auto found = tokens_.find(installation);
  if (found != tokens_.end() && clock_.now() < found->second.expires_at - kTokenRenewBefore)
    return found->second;
  Token fresh = mint(installation);
  return tokens_[installation] = std::move(fresh);
}

std::string AppInstallationTokens::authorization(const std::string& url) {
  return "Bearer " + token_for(installation_for(url)).value;
}

bool AppInstallationTokens::rejected(const std::string& url) {
  const std::int64_t installation = installation_for(url);
  tokens_.erase(installation);
  spdlog::info("GitHub rejected installation {}'s token; minting a new one", installation);
  return true;
}

}  // namespace backfill::github
