#include "support/scripted_github.hpp"

#include "backfill/github/client.hpp"
#include "backfill/github/link_header.hpp"
#include "support/github_replies.hpp"

namespace backfill::testing {

namespace {
constexpr long kPerPage = 100;

bool has_param(const std::string& url, const std::string& pair) {
  const auto query = url.find('?');
  if (query == std::string::npos) return false;
  const std::string params = "&" + url.substr(query + 1) + "&";
  return params.find("&" + pair + "&") != std::string::npos;
}
}  // namespace

std::string ScriptedGitHub::page_url(long page) const {
  return replies::pulls_page_url(api_url, repository_id, page);
}

github::HttpResponse ScriptedGitHub::answer(const github::HttpRequest& request,
                                            std::size_t index) const {
  github::HttpResponse response = route(request.url);
  if (epoch_now) {
    response.headers.add("x-ratelimit-limit", "5000");
    response.headers.add("x-ratelimit-remaining", "4000");
    response.headers.add("x-ratelimit-used", "1000");
    response.headers.add("x-ratelimit-reset", std::to_string(epoch_now() + 3600));
    response.headers.add("x-ratelimit-resource", "core");
  }
  response.effective_url = request.url;
  if (tamper) tamper(index, request, response);
  return response;
}

github::HttpResponse ScriptedGitHub::route(const std::string& url) const {
  const std::string not_found = R"({"message":"Not Found"})";
  if (url.rfind(api_url + "/", 0) != 0) return json_reply(404, not_found);
  const std::string path = url.substr(api_url.size(), url.find('?') - api_url.size());
  if (path == "/repos/" + full_name) {
    return json_reply(200, replies::repository_json(repository_id, full_name));
  }
  if (path == "/repos/" + full_name + "/pulls/comments") {
    return json_reply(200, review_comments_json);  // one page
  }
  if (path != "/repos/" + full_name + "/pulls" &&
      path != "/repositories/" + std::to_string(repository_id) + "/pulls") {
    return json_reply(404, not_found);
  }
  const long page = github::page_param(url).value_or(1);
  if (has_param(url, "per_page=1")) {  // the count request
    std::vector<std::pair<std::string, std::string>> headers;
    if (pulls > 1) {
      headers.emplace_back(
          "link",
          replies::link(replies::pulls_page_url(api_url, repository_id, 2, 1), "next") + ", " +
              replies::link(replies::pulls_page_url(api_url, repository_id, pulls, 1), "last"));
    }
    return json_reply(200, replies::pulls_page_json(page, page <= pulls ? 1 : 0), headers);
  }
  const std::int64_t first = (page - 1) * kPerPage + 1;
  const std::int64_t count = std::clamp<std::int64_t>(pulls - first + 1, 0, kPerPage);
  std::vector<std::pair<std::string, std::string>> headers;
  const long last_page = static_cast<long>((pulls + kPerPage - 1) / kPerPage);
  if (page < last_page) {
    headers.emplace_back("link", replies::link(page_url(page + 1), "next") + ", " +
                                     replies::link(page_url(last_page), "last"));
  }
  return json_reply(200, replies::pulls_page_json(first, count), headers);
}

ScriptedEngine::ScriptedEngine(store::Backend backend)
    : transport([this](const github::HttpRequest& request, std::size_t index) {
        return github.answer(request, index);
      }),
      db(backend) {}

engine::RunParams ScriptedEngine::params() const {
  engine::RunParams p;
  p.repo = parse_repo_name(github.full_name);
  p.runner.policy.max_retries = 3;
  return p;
}

engine::RunOutcome ScriptedEngine::run(const engine::RunParams& params) {
  return run(params, *db.store);
}

engine::RunOutcome ScriptedEngine::run(const engine::RunParams& params,
                                       store::BackfillStore& through) {
  github::GitHubClient client({github.api_url, token, "backfill-tests"}, transport);
  return engine::run_backfill(params, {client, through, clock, cancel, [] { return 0.5; }});
}

std::vector<std::string> ScriptedEngine::urls() const {
  std::vector<std::string> out;
  for (const auto& request : transport.requests()) out.push_back(request.url);
  return out;
}

}  // namespace backfill::testing
