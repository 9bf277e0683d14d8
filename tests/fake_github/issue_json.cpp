#include "fake_github/issue_json.hpp"

#include <array>
#include <string_view>

#include "fake_github/json_text.hpp"
#include "fake_github/pull_json.hpp"

namespace fake_github {
namespace {

using Json = nlohmann::ordered_json;

// GitHub's color for a label created on the fly by naming it on an issue.
constexpr const char* kCreatedLabelColor = "ededed";

// A label name as a URL path segment: RFC 3986 unreserved characters and
// ':' stay, everything else (spaces, emoji's UTF-8 bytes) is percent-encoded.
std::string path_segment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == ':';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

Json label_json(const IssueRenderContext& context, const std::string& name) {
  for (std::size_t i = 0; i < kLabelCount; ++i) {
    if (generated_label_name(i) == name) return Json::parse(context.repo.label_json[i]);
  }
  for (const LabelRecord& label : context.created_labels) {
    if (label.name != name) continue;
    return Json{{"id", label.id},
                {"node_id", "LA_kwDO" + std::to_string(label.id)},
                {"url", context.repo.api_prefix + "/labels/" + path_segment(label.name)},
                {"name", label.name},
                {"color", kCreatedLabelColor},
                {"default", false},
                {"description", nullptr}};
  }
  throw std::logic_error("issue label missing from its repository: " + name);
}

Json reactions_json(const std::string& url) {
  Json reactions{{"url", url}, {"total_count", 0}};
  for (const char* kind : {"+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"}) {
    reactions[kind] = 0;
  }
  return reactions;
}

Json timestamp_or_null(std::int64_t epoch) {
  return epoch == 0 ? Json(nullptr) : Json(iso8601(epoch));
}

// A JSON value rendered by the PR generator (a string literal or null).
Json generated_value(void (*append)(std::string&, std::uint64_t, const PullRecord&),
                     std::uint64_t seed, const PullRecord& pull) {
  std::string text;
  append(text, seed, pull);
  return Json::parse(text);
}

// The members every issue and PR-as-issue starts with, in GitHub's order.
Json issue_head(const IssueRenderContext& context, std::int64_t number,
                std::string_view html_kind) {
  const std::string api = context.repo.api_prefix + "/issues/" + std::to_string(number);
  const std::int64_t id = issue_global_id(context.repo.id, number);
  return Json{{"url", api},
              {"repository_url", context.repo.api_prefix},
              {"labels_url", api + "/labels{/name}"},
              {"comments_url", api + "/comments"},
              {"events_url", api + "/events"},
              {"html_url", context.repo.html_prefix + "/" + std::string(html_kind) + "/" +
                               std::to_string(number)},
              {"id", id},
              {"node_id", "I_kwDO" + std::to_string(id)}};
}

void add_tail(Json& item, const IssueRenderContext& context, std::int64_t number) {
  const std::string api = context.repo.api_prefix + "/issues/" + std::to_string(number);
  item["reactions"] = reactions_json(api + "/reactions");
  item["timeline_url"] = api + "/timeline";
  item["performed_via_github_app"] = nullptr;
}

Json summaries_zero() { return Json{{"total", 0}, {"completed", 0}, {"percent_completed", 0}}; }

}  // namespace

Account token_account() { return Account{"github-actions[bot]", 41'898'282, true}; }

IssueRenderContext issue_render_context(const std::string& base_url,
                                        const RepositoryRendering& repo,
                                        const std::vector<LabelRecord>& created_labels,
                                        std::uint64_t seed) {
  return IssueRenderContext{repo, created_labels, render_simple_user(base_url, token_account()),
                            seed};
}

std::int64_t issue_global_id(std::int64_t repository_id, std::int64_t number) {
  return 3'000'000'000'000 + repository_id * 10'000'000 + number;
}

std::vector<std::string> pull_label_names(const PullRecord& pull) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < kLabelCount; ++i) {
    if ((pull.label_mask & (1u << i)) != 0) names.emplace_back(generated_label_name(i));
  }
  return names;
}

Json issue_json(const IssueRenderContext& context, const IssueRecord& issue, bool single) {
  Json item = issue_head(context, issue.number, "issues");
  item["number"] = issue.number;
  item["title"] = issue.title;
  item["user"] = Json::parse(context.actor_json);
  Json labels = Json::array();
  for (const std::string& name : issue.labels) labels.push_back(label_json(context, name));
  item["labels"] = std::move(labels);
  item["state"] = issue.open ? "open" : "closed";
  item["locked"] = false;
  item["assignee"] = nullptr;
  item["assignees"] = Json::array();
  item["milestone"] = nullptr;
  item["comments"] = issue.comments.size();
  item["created_at"] = iso8601(issue.created_at);
  item["updated_at"] = iso8601(issue.updated_at);
  item["closed_at"] = timestamp_or_null(issue.closed_at);
  item["author_association"] = "NONE";
  item["type"] = nullptr;
  item["active_lock_reason"] = nullptr;
  item["sub_issues_summary"] = summaries_zero();
  item["body"] = issue.body ? Json(*issue.body) : Json(nullptr);
  if (single) item["closed_by"] = issue.open ? Json(nullptr) : Json::parse(context.actor_json);
  add_tail(item, context, issue.number);
  item["state_reason"] = issue.state_reason ? Json(*issue.state_reason) : Json(nullptr);
  return item;
}

Json pull_as_issue_json(const IssueRenderContext& context, const PullRecord& pull) {
  const std::int64_t n = pull.number;
  const UserPool& users = *context.repo.users;
  Json item = issue_head(context, n, "pull");
  item["number"] = n;
  item["title"] = generated_value(&append_title_json, context.seed, pull);
  item["user"] = pull.user_index < 0 ? Json(nullptr) : Json::parse(users.json(pull.user_index));
  Json labels = Json::array();
  for (const std::string& name : pull_label_names(pull))
    labels.push_back(label_json(context, name));
  item["labels"] = std::move(labels);
  item["state"] = pull.is_open() ? "open" : "closed";
  item["locked"] = false;
  if (pull.assignee_index < 0) {
    item["assignee"] = nullptr;
    item["assignees"] = Json::array();
  } else {
    const Json assignee = Json::parse(users.json(pull.assignee_index));
    item["assignee"] = assignee;
    item["assignees"] = Json::array({assignee});
  }
  item["milestone"] = nullptr;
  item["comments"] = 0;
  item["created_at"] = iso8601(pull.created_at);
  item["updated_at"] = iso8601(pull.updated_at);
  item["closed_at"] = timestamp_or_null(pull.closed_at);
  item["author_association"] =
      std::string(pull_author_association(context.repo.id, context.seed, pull));
  item["type"] = nullptr;
  item["active_lock_reason"] = nullptr;
  item["draft"] = pull.draft;
  const std::string html = context.repo.html_prefix + "/pull/" + std::to_string(n);
  item["pull_request"] = Json{{"url", context.repo.api_prefix + "/pulls/" + std::to_string(n)},
                              {"html_url", html},
                              {"diff_url", html + ".diff"},
                              {"patch_url", html + ".patch"},
                              {"merged_at", timestamp_or_null(pull.merged_at)}};
  item["body"] = generated_value(&append_body_json, context.seed, pull);
  add_tail(item, context, n);
  item["state_reason"] = nullptr;
  // The PR's own node, as GitHub reports for a PR seen through the issues API.
  item["node_id"] = "PR_kwDO" + std::to_string(pull_global_id(context.repo.id, n));
  return item;
}

Json comment_json(const IssueRenderContext& context, std::int64_t issue_number,
                  const CommentRecord& comment) {
  const std::string api =
      context.repo.api_prefix + "/issues/comments/" + std::to_string(comment.id);
  Json item{{"url", api},
            {"html_url", context.repo.html_prefix + "/issues/" + std::to_string(issue_number) +
                             "#issuecomment-" + std::to_string(comment.id)},
            {"issue_url", context.repo.api_prefix + "/issues/" + std::to_string(issue_number)},
            {"id", comment.id},
            {"node_id", "IC_kwDO" + std::to_string(comment.id)},
            {"user", Json::parse(context.actor_json)},
            {"created_at", iso8601(comment.created_at)},
            {"updated_at", iso8601(comment.created_at)},
            {"author_association", "NONE"},
            {"body", comment.body},
            {"reactions", reactions_json(api + "/reactions")},
            {"performed_via_github_app", nullptr}};
  return item;
}

}  // namespace fake_github
