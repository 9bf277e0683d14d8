#include "fake_github/repository_json.hpp"

#include <string_view>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

// When every generated repository was created and last pushed to: fixed, so
// the output does not depend on when the test runs.
constexpr std::int64_t kRepositoryCreatedEpoch = 1'417'392'000;  // 2014-12-01
constexpr std::int64_t kRepositoryPushedEpoch = 1'717'200'000;   // 2024-06-01

struct LabelSpec {
  std::string_view name;
  std::string_view url_name;
  std::string_view color;
  std::string_view description;
  bool is_default;
};

constexpr std::array<LabelSpec, kLabelCount> kLabels = {{
    {"bug", "bug", "d73a4a", "Something isn't working", true},
    {"enhancement", "enhancement", "a2eeef", "New feature or request", true},
    {"documentation", "documentation", "0075ca", "Improvements or additions to documentation",
     true},
    {"dependencies", "dependencies", "0366d6", "Pull requests that update a dependency file",
     false},
    {"good first issue", "good%20first%20issue", "7057ff", "Good for newcomers", true},
    {"needs: review 🔍", "needs:%20review%20%F0%9F%94%8D", "fbca04", "", false},
}};

void field(std::string& out, std::string_view key) {
  out += '"';
  out.append(key);
  out += "\":";
}

void string_field(std::string& out, std::string_view key, std::string_view value) {
  field(out, key);
  append_json_string(out, value);
  out += ',';
}

// The URL fields GitHub lists, in GitHub's order, each `api` + suffix.
constexpr std::array<std::pair<std::string_view, std::string_view>, 36> kApiUrlFields = {{
    {"forks_url", "/forks"},
    {"keys_url", "/keys{/key_id}"},
    {"collaborators_url", "/collaborators{/collaborator}"},
    {"teams_url", "/teams"},
    {"hooks_url", "/hooks"},
    {"issue_events_url", "/issues/events{/number}"},
    {"events_url", "/events"},
    {"assignees_url", "/assignees{/user}"},
    {"branches_url", "/branches{/branch}"},
    {"tags_url", "/tags"},
    {"blobs_url", "/git/blobs{/sha}"},
    {"git_tags_url", "/git/tags{/sha}"},
    {"git_refs_url", "/git/refs{/sha}"},
    {"trees_url", "/git/trees{/sha}"},
    {"statuses_url", "/statuses/{sha}"},
    {"languages_url", "/languages"},
    {"stargazers_url", "/stargazers"},
    {"contributors_url", "/contributors"},
    {"subscribers_url", "/subscribers"},
    {"subscription_url", "/subscription"},
    {"commits_url", "/commits{/sha}"},
    {"git_commits_url", "/git/commits{/sha}"},
    {"comments_url", "/comments{/number}"},
    {"issue_comment_url", "/issues/comments{/number}"},
    {"contents_url", "/contents/{+path}"},
    {"compare_url", "/compare/{base}...{head}"},
    {"merges_url", "/merges"},
    {"archive_url", "/{archive_format}{/ref}"},
    {"downloads_url", "/downloads"},
    {"issues_url", "/issues{/number}"},
    {"pulls_url", "/pulls{/number}"},
    {"milestones_url", "/milestones{/number}"},
    {"notifications_url", "/notifications{?since,all,participating}"},
    {"labels_url", "/labels{/name}"},
    {"releases_url", "/releases{/id}"},
    {"deployments_url", "/deployments"},
}};

std::string render_repository_json(const std::string& base_url, const RepositoryFacts& facts,
                                   const RepositoryRendering& parts, bool full) {
  std::string out;
  out.reserve(6000);
  const std::string& api = parts.api_prefix;
  const std::string& html = parts.html_prefix;
  const std::string github = "github.com/" + parts.full_name;
  out += "{\"id\":";
  append_int(out, facts.id);
  out += ',';
  string_field(out, "node_id", "R_kgDO" + std::to_string(facts.id));
  string_field(out, "name", facts.name);
  string_field(out, "full_name", parts.full_name);
  out += "\"private\":false,\"owner\":";
  out += parts.owner_json;
  out += ',';
  string_field(out, "html_url", html);
  string_field(out, "description", "A generated repository for backfill tests");
  out += "\"fork\":false,";
  string_field(out, "url", api);
  for (const auto& [key, suffix] : kApiUrlFields) string_field(out, key, api + std::string(suffix));
  field(out, "created_at");
  append_json_timestamp(out, kRepositoryCreatedEpoch);
  out += ',';
  field(out, "updated_at");
  append_json_timestamp(out, kRepositoryPushedEpoch);
  out += ',';
  field(out, "pushed_at");
  append_json_timestamp(out, kRepositoryPushedEpoch);
  out += ',';
  string_field(out, "git_url", "git://" + github + ".git");
  string_field(out, "ssh_url", "git@github.com:" + parts.full_name + ".git");
  string_field(out, "clone_url", "https://" + github + ".git");
  string_field(out, "svn_url", "https://" + github);
  out += "\"homepage\":null,\"size\":";
  append_int(out, 2048 + facts.id % 1000);
  out +=
      ",\"stargazers_count\":42,\"watchers_count\":42,\"language\":\"C++\","
      "\"has_issues\":true,\"has_projects\":true,\"has_downloads\":true,"
      "\"has_wiki\":true,\"has_pages\":false,\"has_discussions\":false,"
      "\"forks_count\":7,\"mirror_url\":null,\"archived\":false,\"disabled\":false,"
      "\"open_issues_count\":";
  append_int(out, facts.open_pulls);
  out += ",\"license\":{\"key\":\"mit\",\"name\":\"MIT License\",\"spdx_id\":\"MIT\",\"url\":";
  append_json_string(out, base_url + "/licenses/mit");
  out +=
      ",\"node_id\":\"MDc6TGljZW5zZTEz\"},\"allow_forking\":true,\"is_template\":false,"
      "\"web_commit_signoff_required\":false,\"topics\":[\"backfill\",\"testing\"],"
      "\"visibility\":\"public\",\"forks\":7,\"open_issues\":";
  append_int(out, facts.open_pulls);
  out += ",\"watchers\":42,\"default_branch\":\"main\"";
  if (full) {
    out += ",\"temp_clone_token\":null,\"network_count\":7,\"subscribers_count\":3";
  }
  out += '}';
  return out;
}

std::string render_label(const RepositoryRendering& parts, std::size_t index,
                         std::int64_t repo_id) {
  const LabelSpec& spec = kLabels[index];
  std::string out = "{\"id\":";
  append_int(out, repo_id * 100 + static_cast<std::int64_t>(index));
  out += ',';
  string_field(out, "node_id",
               "LA_kwDO" + std::to_string(repo_id * 100 + static_cast<std::int64_t>(index)));
  string_field(out, "url", parts.api_prefix + "/labels/" + std::string(spec.url_name));
  string_field(out, "name", spec.name);
  string_field(out, "color", spec.color);
  out += spec.is_default ? "\"default\":true," : "\"default\":false,";
  field(out, "description");
  append_json_string(out, spec.description);
  out += '}';
  return out;
}

}  // namespace

std::string_view generated_label_name(std::size_t index) { return kLabels.at(index).name; }

std::shared_ptr<const RepositoryRendering> render_repository(
    const std::string& base_url, const RepositoryFacts& facts,
    std::shared_ptr<const UserPool> users) {
  auto parts = std::make_shared<RepositoryRendering>();
  parts->id = facts.id;
  parts->full_name = facts.owner + "/" + facts.name;
  parts->owner_login = facts.owner;
  parts->api_prefix = base_url + "/repos/" + parts->full_name;
  parts->html_prefix = "https://github.com/" + parts->full_name;
  parts->owner_json = render_simple_user(base_url, owner_account(facts.owner));
  parts->full_json = render_repository_json(base_url, facts, *parts, true);
  parts->embedded_json = render_repository_json(base_url, facts, *parts, false);
  for (std::size_t i = 0; i < kLabelCount; ++i)
    parts->label_json[i] = render_label(*parts, i, facts.id);
  parts->users = std::move(users);
  return parts;
}

}  // namespace fake_github
