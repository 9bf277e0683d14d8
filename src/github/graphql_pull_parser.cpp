// The depth queries' `data` into the domain model. GraphQL spells things
// differently from REST; the rows must come out the same whichever API
// wrote them: ids are fullDatabaseId/databaseId (REST's id), a PR's state is
// open/closed, an empty body is null, a bot's login ends in "[bot]".
#include <charconv>
#include <stdexcept>

#include "backfill/github/follow_up_query.hpp"
#include "backfill/github/graphql_pulls.hpp"

namespace backfill::github {
namespace {

using nlohmann::json;

[[noreturn]] void garbled(const std::string& what) {
  throw std::runtime_error("unexpected GraphQL reply: " + what);
}

const json& member(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) garbled(std::string("expected an object holding ") + key);
  auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

std::string text(const json& object, const char* key) {
  const json& value = member(object, key);
  if (value.is_null()) return {};
  if (!value.is_string()) garbled(std::string(key) + " is not a string");
  return value.get<std::string>();
}

std::optional<std::string> optional_text(const json& object, const char* key) {
  const json& value = member(object, key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) garbled(std::string(key) + " is not a string");
  return value.get<std::string>();
}

std::int64_t integer(const json& object, const char* key) {
  const json& value = member(object, key);
  if (!value.is_number_integer()) garbled(std::string(key) + " is not an integer");
  return value.get<std::int64_t>();
}

// BigInt travels as a JSON string ("1234567890123"); databaseId as a number.
std::optional<std::int64_t> big_id(const json& object, const char* key) {
  const json& value = member(object, key);
  if (value.is_null()) return std::nullopt;
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (!value.is_string()) garbled(std::string(key) + " is neither a BigInt string nor a number");
  const std::string& s = value.get_ref<const std::string&>();
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size()) garbled(std::string(key) + " '" + s + "'");
  return id;
}

std::int64_t required_id(const json& object, const char* key) {
  auto id = big_id(object, key);
  if (!id) garbled(std::string(key) + " is null");
  return *id;
}

// null (a deleted account, "ghost") and actors without a database id have
// no contributor row.
std::optional<Contributor> actor(const json& value) {
  if (value.is_null()) return std::nullopt;
  auto id = big_id(value, "databaseId");
  if (!id) return std::nullopt;
  Contributor c;
  c.github_id = *id;
  c.type = text(value, "__typename");
  c.login = text(value, "login");
  if (c.type == "Bot") c.login += "[bot]";  // REST's spelling of the same account
  c.avatar_url = text(value, "avatarUrl");
  return c;
}

ChildConnection connection(const json& value) {
  ChildConnection c;
  if (value.is_null()) return c;
  c.total = integer(value, "totalCount");
  const json& info = member(value, "pageInfo");
  if (info.is_object()) {
    c.has_next = member(info, "hasNextPage").is_boolean() && info["hasNextPage"].get<bool>();
    c.end_cursor = optional_text(info, "endCursor");
  }
  return c;
}

const json& nodes_of(const json& connection) {
  const json& nodes = member(connection, "nodes");
  if (!nodes.is_array()) garbled("nodes is not an array");
  return nodes;
}

Review review(const json& node) {
  Review r;
  r.github_id = required_id(node, "fullDatabaseId");
  r.author = actor(member(node, "author"));
  r.state = text(node, "state");
  r.body = optional_text(node, "body");
  if (r.body && r.body->empty()) r.body.reset();
  r.submitted_at = optional_text(node, "submittedAt");
  return r;
}

Comment issue_comment(const json& node) {
  Comment c;
  c.github_id = required_id(node, "fullDatabaseId");
  c.kind = CommentKind::kIssue;
  c.author = actor(member(node, "author"));
  c.body = optional_text(node, "body");
  c.created_at = text(node, "createdAt");
  c.updated_at = text(node, "updatedAt");
  return c;
}

void add_children(const json& connection_value, bool wanted, std::vector<Review>* reviews,
                  std::vector<Comment>* comments) {
  if (!wanted || connection_value.is_null()) return;
  for (const auto& node : nodes_of(connection_value)) {
    if (node.is_null()) continue;
    if (reviews) reviews->push_back(review(node));
    if (comments) comments->push_back(issue_comment(node));
  }
}

GraphqlPull pull(const json& node, const DepthScope& scope) {
  GraphqlPull out;
  out.node_id = text(node, "id");
  PullRequest& pr = out.deep.pull;
  pr.github_id = required_id(node, "fullDatabaseId");
  pr.number = integer(node, "number");
  pr.title = text(node, "title");
  pr.body = optional_text(node, "body");
  if (pr.body && pr.body->empty()) pr.body.reset();  // REST sends null for no body
  const std::string state = text(node, "state");
  pr.state = state == "OPEN" ? "open" : "closed";  // MERGED is closed on REST
  pr.draft = member(node, "isDraft").is_boolean() && node["isDraft"].get<bool>();
  pr.author = actor(member(node, "author"));
  pr.created_at = text(node, "createdAt");
  pr.updated_at = text(node, "updatedAt");
  pr.closed_at = optional_text(node, "closedAt");
  pr.merged_at = optional_text(node, "mergedAt");
  if (const json& commit = member(node, "mergeCommit"); commit.is_object())
    pr.merge_commit_sha = optional_text(commit, "oid");
  pr.head_ref = text(node, "headRefName");
  pr.base_ref = text(node, "baseRefName");
  pr.html_url = text(node, "url");

  PullDetails& d = out.deep.details;
  d.additions = integer(node, "additions");
  d.deletions = integer(node, "deletions");
  d.changed_files = integer(node, "changedFiles");
  d.commits_count = connection(member(node, "commits")).total;
  d.merged_by = actor(member(node, "mergedBy"));
  d.review_decision = optional_text(node, "reviewDecision");
  out.comments = connection(member(node, "comments"));
  out.reviews = connection(member(node, "reviews"));
  d.comments_count = out.comments.total;
  d.reviews_count = out.reviews.total;
  add_children(member(node, "reviews"), scope.reviews, &out.deep.reviews, nullptr);
  add_children(member(node, "comments"), scope.comments, nullptr, &out.deep.comments);
  // Only the kinds asked for are followed up.
  if (!scope.reviews) out.reviews.has_next = false;
  if (!scope.comments) out.comments.has_next = false;
  return out;
}

}  // namespace

GraphqlPullPage parse_pull_page_data(const json& data, const DepthScope& scope) {
  const json& repository = member(data, "repository");
  if (!repository.is_object()) garbled("no repository");
  const json& connection_value = member(repository, "pullRequests");
  GraphqlPullPage page;
  const ChildConnection c = connection(connection_value);
  page.total_count = c.total;
  page.has_next = c.has_next;
  page.end_cursor = c.end_cursor;
  for (const auto& node : nodes_of(connection_value)) {
    if (node.is_null()) garbled("a pull request is null");
    page.pulls.push_back(pull(node, scope));
  }
  return page;
}

std::vector<GraphqlChildren> parse_follow_up_data(const json& data,
                                                  const std::vector<FollowUpSlot>& slots) {
  std::vector<GraphqlChildren> out(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const std::string alias = kFollowUpSlotAlias + std::to_string(i);
    if (!data.is_object() || !data.contains(alias)) garbled("no " + alias);
    const json& node = data[alias];
    if (node.is_null()) continue;  // deleted meanwhile
    GraphqlChildren& children = out[i];
    children.found = true;
    if (slots[i].reviews_after) {
      children.reviews = connection(member(node, "reviews"));
      add_children(member(node, "reviews"), true, &children.review_items, nullptr);
    }
    if (slots[i].comments_after) {
      children.comments = connection(member(node, "comments"));
      add_children(member(node, "comments"), true, nullptr, &children.comment_items);
    }
  }
  return out;
}

}  // namespace backfill::github
