#include "fake_github/pull_json.hpp"

#include <array>
#include <string_view>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

constexpr std::array<std::string_view, 6> kAssociations = {
    "CONTRIBUTOR", "MEMBER", "NONE", "COLLABORATOR", "FIRST_TIME_CONTRIBUTOR", "OWNER"};

// `key` and the URL `prefix` + `path` + number + `suffix` as a JSON member.
// Prefixes are API URLs built from validated repository names, so they need
// no escaping.
void url_member(std::string& out, std::string_view key, const std::string& prefix,
                std::string_view path, std::int64_t number, std::string_view suffix = {}) {
  out += ",\"";
  out.append(key);
  out += "\":\"";
  out += prefix;
  out.append(path);
  append_int(out, number);
  out.append(suffix);
  out += '"';
}

void nullable_timestamp(std::string& out, std::string_view key, std::int64_t epoch) {
  out += ",\"";
  out.append(key);
  out += "\":";
  if (epoch == 0) {
    out += "null";
  } else {
    append_json_timestamp(out, epoch);
  }
}

void link(std::string& out, std::string_view rel, std::string_view href_a, std::string_view href_b,
          std::int64_t number, std::string_view href_c) {
  out += '"';
  out.append(rel);
  out += "\":{\"href\":\"";
  out.append(href_a);
  out.append(href_b);
  if (number >= 0) append_int(out, number);
  out.append(href_c);
  out += "\"}";
}

void branch(std::string& out, const RepositoryRendering& repo, std::string_view ref,
            std::uint64_t sha_seed) {
  out += "{\"label\":";
  append_json_string(out, repo.owner_login + ":" + std::string(ref));
  out += ",\"ref\":";
  append_json_string(out, ref);
  out += ",\"sha\":\"";
  append_fake_sha(out, sha_seed);
  out += "\",\"user\":";
  out += repo.owner_json;
  out += ",\"repo\":";
  out += repo.embedded_json;
  out += '}';
}

}  // namespace

std::int64_t pull_global_id(std::int64_t repository_id, std::int64_t number) {
  return repository_id * 10'000'000 + number;
}

std::string_view pull_author_association(std::int64_t repository_id, std::uint64_t seed,
                                         const PullRecord& pull) {
  if (pull.user_index < 0) return "NONE";
  const std::int64_t id = pull_global_id(repository_id, pull.number);
  const std::uint64_t sha_base = mix64(seed ^ static_cast<std::uint64_t>(id));
  return kAssociations[(sha_base >> 16) % kAssociations.size()];
}

void append_pull_json(std::string& out, const RepositoryRendering& repo, std::uint64_t seed,
                      const PullRecord& pull) {
  const std::int64_t n = pull.number;
  const std::int64_t id = pull_global_id(repo.id, n);
  const std::uint64_t sha_base = mix64(seed ^ static_cast<std::uint64_t>(id));
  const UserPool& users = *repo.users;

  out += "{\"url\":\"";
  out += repo.api_prefix;
  out += "/pulls/";
  append_int(out, n);
  out += "\",\"id\":";
  append_int(out, id);
  out += ",\"node_id\":\"PR_kwDO";
  append_int(out, id);
  out += '"';
  url_member(out, "html_url", repo.html_prefix, "/pull/", n);
  url_member(out, "diff_url", repo.html_prefix, "/pull/", n, ".diff");
  url_member(out, "patch_url", repo.html_prefix, "/pull/", n, ".patch");
  url_member(out, "issue_url", repo.api_prefix, "/issues/", n);
  out += ",\"number\":";
  append_int(out, n);
  out += pull.is_open() ? ",\"state\":\"open\"" : ",\"state\":\"closed\"";
  out += ",\"locked\":false,\"title\":";
  append_title_json(out, seed, pull);
  out += ",\"user\":";
  out += pull.user_index < 0 ? std::string_view("null")
                             : std::string_view(users.json(pull.user_index));
  out += ",\"body\":";
  append_body_json(out, seed, pull);
  out += ",\"created_at\":";
  append_json_timestamp(out, pull.created_at);
  out += ",\"updated_at\":";
  append_json_timestamp(out, pull.updated_at);
  nullable_timestamp(out, "closed_at", pull.closed_at);
  nullable_timestamp(out, "merged_at", pull.merged_at);
  out += ",\"merge_commit_sha\":";
  if (!pull.is_open() && pull.merged_at == 0) {
    out += "null";
  } else {
    out += '"';
    append_fake_sha(out, sha_base + 3);
    out += '"';
  }
  if (pull.assignee_index < 0) {
    out += ",\"assignee\":null,\"assignees\":[]";
  } else {
    const std::string& assignee = users.json(pull.assignee_index);
    out += ",\"assignee\":";
    out += assignee;
    out += ",\"assignees\":[";
    out += assignee;
    out += ']';
  }
  out += ",\"requested_reviewers\":[";
  if (pull.is_open() && n % 3 == 0) out += users.json((sha_base >> 8) % users.size());
  out += "],\"requested_teams\":[],\"labels\":[";
  bool first_label = true;
  for (std::size_t i = 0; i < kLabelCount; ++i) {
    if ((pull.label_mask & (1u << i)) == 0) continue;
    if (!first_label) out += ',';
    first_label = false;
    out += repo.label_json[i];
  }
  out += "],\"milestone\":null,\"draft\":";
  out += pull.draft ? "true" : "false";
  url_member(out, "commits_url", repo.api_prefix, "/pulls/", n, "/commits");
  url_member(out, "review_comments_url", repo.api_prefix, "/pulls/", n, "/comments");
  out += ",\"review_comment_url\":\"";
  out += repo.api_prefix;
  out += "/pulls/comments{/number}\"";
  url_member(out, "comments_url", repo.api_prefix, "/issues/", n, "/comments");

  std::string head_sha;
  append_fake_sha(head_sha, sha_base + 1);
  out += ",\"statuses_url\":\"";
  out += repo.api_prefix;
  out += "/statuses/";
  out += head_sha;
  out += "\",\"head\":";
  branch(out, repo, head_ref_for(pull), sha_base + 1);
  out += ",\"base\":";
  branch(out, repo, "main", sha_base + 2);

  out += ",\"_links\":{";
  link(out, "self", repo.api_prefix, "/pulls/", n, "");
  out += ',';
  link(out, "html", repo.html_prefix, "/pull/", n, "");
  out += ',';
  link(out, "issue", repo.api_prefix, "/issues/", n, "");
  out += ',';
  link(out, "comments", repo.api_prefix, "/issues/", n, "/comments");
  out += ',';
  link(out, "review_comments", repo.api_prefix, "/pulls/", n, "/comments");
  out += ',';
  link(out, "review_comment", repo.api_prefix, "/pulls/comments{/number}", -1, "");
  out += ',';
  link(out, "commits", repo.api_prefix, "/pulls/", n, "/commits");
  out += ',';
  link(out, "statuses", repo.api_prefix, "/statuses/", -1, head_sha);
  out += "},\"author_association\":\"";
  out += pull_author_association(repo.id, seed, pull);
  out += "\",\"auto_merge\":null,\"active_lock_reason\":null}";
}

std::string render_pull_array(const RepositoryRendering& repo, std::uint64_t seed,
                              const std::vector<PullRecord>& pulls) {
  std::string out;
  // Two embedded repositories and three users dominate each item's size.
  out.reserve(2 + pulls.size() * (2 * repo.embedded_json.size() + 4000));
  out += '[';
  for (std::size_t i = 0; i < pulls.size(); ++i) {
    if (i != 0) out += ',';
    append_pull_json(out, repo, seed, pulls[i]);
  }
  out += ']';
  return out;
}

}  // namespace fake_github
