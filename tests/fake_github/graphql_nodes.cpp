#include "fake_github/graphql_nodes.hpp"

#include "fake_github/child_json.hpp"
#include "fake_github/json_text.hpp"
#include "fake_github/pull_json.hpp"

namespace fake_github {
namespace {

void key(std::string& out, std::string_view name) {
  out += ",\"";
  out.append(name);
  out += "\":";
}

void timestamp_or_null(std::string& out, std::int64_t epoch) {
  if (epoch == 0) {
    out += "null";
  } else {
    append_json_timestamp(out, epoch);
  }
}

}  // namespace

// GraphQL's Actor: a Bot's login is its app's slug, without REST's "[bot]".
void append_actor(std::string& out, const UserPool& users, std::int32_t index) {
  if (index < 0) {
    out += "null";
    return;
  }
  const Account& account = users.account(static_cast<std::size_t>(index));
  std::string login = account.login;
  if (account.bot) login = login.substr(0, login.find('['));
  out += account.bot ? "{\"__typename\":\"Bot\",\"login\":" : "{\"__typename\":\"User\",\"login\":";
  append_json_string(out, login);
  key(out, "databaseId");
  append_int(out, account.id);
  key(out, "id");
  append_json_string(out, (account.bot ? "BOT_kgDO" : "U_kgDO") + std::to_string(account.id));
  key(out, "url");
  append_json_string(
      out, account.bot ? "https://github.com/apps/" + login : "https://github.com/" + login);
  out += '}';
}

void append_ids(std::string& out, const std::string& node_id, std::int64_t id) {
  out += "{\"id\":";
  append_json_string(out, node_id);
  key(out, "fullDatabaseId");
  out += '"';
  append_int(out, id);
  out += '"';
  key(out, "databaseId");
  append_int(out, id);
}

void append_child_common(std::string& out, const DepthSnapshot& snapshot, const Child& child,
                         ChildKind kind) {
  append_ids(out, child_node_id(kind, child.id), child.id);
  key(out, "author");
  append_actor(out, *snapshot.rendering->users, child.user_index);
  key(out, "authorAssociation");
  append_json_string(out, child_author_association(snapshot.seed, child));
  key(out, "body");
  append_child_body_json(out, snapshot.seed, kind, child.id, child.revision);
  key(out, "createdAt");
  append_json_timestamp(out, child.created_at);
  key(out, "updatedAt");
  append_json_timestamp(out, child.updated_at);
  key(out, "lastEditedAt");
  if (child.updated_at != child.created_at) {
    append_json_timestamp(out, child.updated_at);
  } else {
    out += "null";
  }
}

void append_pull(std::string& out, const DepthSnapshot& snapshot, std::size_t index) {
  const RepositoryRendering& repo = *snapshot.rendering;
  const ChildContext context = snapshot.context(index);
  const PullRecord& pull = context.pull;
  const std::int64_t id = pull_global_id(repo.id, pull.number);
  const PullSize size = pull_size(snapshot.seed, pull.number);
  const std::string html = repo.html_prefix + "/pull/" + std::to_string(pull.number);
  append_ids(out, "PR_kwDO" + std::to_string(id), id);
  key(out, "number");
  append_int(out, pull.number);
  key(out, "title");
  append_title_json(out, snapshot.seed, pull);
  key(out, "body");
  // PullRequest.body is String! in GitHub's schema: a PR without a
  // description, null over REST, is "" over GraphQL.
  if (pull.awkward == AwkwardCase::kNullBody) {
    out += "\"\"";
  } else {
    append_body_json(out, snapshot.seed, pull);
  }
  key(out, "state");
  out += pull.merged_at != 0 ? "\"MERGED\"" : pull.is_open() ? "\"OPEN\"" : "\"CLOSED\"";
  key(out, "isDraft");
  out += pull.draft ? "true" : "false";
  key(out, "closed");
  out += pull.is_open() ? "false" : "true";
  key(out, "merged");
  out += pull.merged_at != 0 ? "true" : "false";
  out += ",\"locked\":false";
  key(out, "createdAt");
  append_json_timestamp(out, pull.created_at);
  key(out, "updatedAt");
  append_json_timestamp(out, pull.updated_at);
  key(out, "closedAt");
  timestamp_or_null(out, pull.closed_at);
  key(out, "mergedAt");
  timestamp_or_null(out, pull.merged_at);
  key(out, "additions");
  append_int(out, size.additions);
  key(out, "deletions");
  append_int(out, size.deletions);
  key(out, "changedFiles");
  append_int(out, size.changed_files);
  key(out, "author");
  append_actor(out, *repo.users, pull.user_index);
  key(out, "authorAssociation");
  append_json_string(out, pull_author_association(repo.id, snapshot.seed, pull));
  key(out, "mergedBy");
  append_actor(out, *repo.users, merged_by_index(snapshot.seed, pull, repo.users->size()));
  key(out, "reviewDecision");
  const std::string_view decision = review_decision(context);
  if (decision.empty()) {
    out += "null";
  } else {
    append_json_string(out, decision);
  }
  key(out, "headRefName");
  append_json_string(out, head_ref_for(pull));
  out += ",\"baseRefName\":\"main\"";
  key(out, "url");
  append_json_string(out, html);
  key(out, "permalink");
  append_json_string(out, html);
  key(out, "counts");
  out += "{\"comments\":";
  append_int(out, context.counts.comments);
  key(out, "reviews");
  append_int(out, context.counts.reviews);
  key(out, "reviewComments");
  append_int(out, context.counts.review_comments);
  key(out, "threads");
  append_int(out, thread_count(context.counts.review_comments));
  key(out, "commits");
  append_int(out, size.commits);
  out += "},\"repository\":";
  append_int(out, repo.id);
  key(out, "cursorKeys");
  out += "{\"CREATED_AT\":\"";
  append_int(out, pull.created_at);
  out += '.';
  append_int(out, pull.number);
  out += "\",\"UPDATED_AT\":\"";
  append_int(out, pull.updated_at);
  out += '.';
  append_int(out, pull.number);
  out += "\"}}";
}

}  // namespace fake_github
