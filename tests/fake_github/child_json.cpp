#include "fake_github/child_json.hpp"

#include <array>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

constexpr std::array<std::string_view, 5> kAssociations = {"CONTRIBUTOR", "MEMBER", "NONE",
                                                           "COLLABORATOR", "OWNER"};

void member(std::string& out, std::string_view key) {
  out += ",\"";
  out.append(key);
  out += "\":";
}

void string_member(std::string& out, std::string_view key, const std::string& value) {
  member(out, key);
  append_json_string(out, value);
}

void user_member(std::string& out, const DepthSnapshot& snapshot, const Child& child) {
  member(out, "user");
  if (child.user_index < 0) {
    out += "null";
  } else {
    out += snapshot.rendering->users->json(static_cast<std::size_t>(child.user_index));
  }
}

std::string pull_api_url(const DepthSnapshot& snapshot, const ChildContext& context) {
  return snapshot.rendering->api_prefix + "/pulls/" + std::to_string(context.pull.number);
}

std::string pull_html_url(const DepthSnapshot& snapshot, const ChildContext& context) {
  return snapshot.rendering->html_prefix + "/pull/" + std::to_string(context.pull.number);
}

std::string sha_of(std::uint64_t seed) {
  std::string sha;
  append_fake_sha(sha, seed);
  return sha;
}

}  // namespace

std::string_view child_author_association(std::uint64_t seed, const Child& child) {
  if (child.user_index < 0) return "NONE";
  return kAssociations[mix64(seed ^ static_cast<std::uint64_t>(child.id)) % kAssociations.size()];
}

void append_review_comment_json(std::string& out, const DepthSnapshot& snapshot,
                                const ChildContext& context, const ReviewComment& comment) {
  const RepositoryRendering& repo = *snapshot.rendering;
  const std::string id = std::to_string(comment.id);
  const std::string self = repo.api_prefix + "/pulls/comments/" + id;
  const std::string html = pull_html_url(snapshot, context) + "#discussion_r" + id;
  const std::string pull_url = pull_api_url(snapshot, context);
  const std::int64_t review_id = child_id(ChildKind::kReview, context.repository_id,
                                          context.pull.number, comment.review_index);
  const std::string commit = sha_of(mix64(snapshot.seed ^ static_cast<std::uint64_t>(review_id)));
  out += "{\"url\":";
  append_json_string(out, self);
  member(out, "pull_request_review_id");
  append_int(out, review_id);
  member(out, "id");
  append_int(out, comment.id);
  string_member(out, "node_id", child_node_id(ChildKind::kReviewComment, comment.id));
  string_member(out, "diff_hunk",
                "@@ -" + std::to_string(comment.original_line) + ",6 +" +
                    std::to_string(comment.line) + ",7 @@\n context line\n+added line");
  string_member(out, "path", comment.path);
  member(out, "position");
  append_int(out, 7);
  member(out, "original_position");
  append_int(out, 7);
  string_member(out, "commit_id", commit);
  string_member(out, "original_commit_id", commit);
  if (comment.reply_to_index >= 0) {
    member(out, "in_reply_to_id");
    append_int(out, child_id(ChildKind::kReviewComment, context.repository_id, context.pull.number,
                             comment.reply_to_index));
  }
  user_member(out, snapshot, comment);
  member(out, "body");
  append_child_body_json(out, snapshot.seed, ChildKind::kReviewComment, comment.id,
                         comment.revision);
  member(out, "created_at");
  append_json_timestamp(out, comment.created_at);
  member(out, "updated_at");
  append_json_timestamp(out, comment.updated_at);
  string_member(out, "html_url", html);
  string_member(out, "pull_request_url", pull_url);
  string_member(out, "author_association",
                std::string(child_author_association(snapshot.seed, comment)));
  out += ",\"_links\":{\"self\":{\"href\":";
  append_json_string(out, self);
  out += "},\"html\":{\"href\":";
  append_json_string(out, html);
  out += "},\"pull_request\":{\"href\":";
  append_json_string(out, pull_url);
  out += "}},\"start_line\":null,\"original_start_line\":null,\"start_side\":null";
  member(out, "line");
  append_int(out, comment.line);
  member(out, "original_line");
  append_int(out, comment.original_line);
  out += ",\"side\":\"RIGHT\",\"subject_type\":\"line\"}";
}

void append_review_json(std::string& out, const DepthSnapshot& snapshot,
                        const ChildContext& context, const Review& review) {
  const std::string html =
      pull_html_url(snapshot, context) + "#pullrequestreview-" + std::to_string(review.id);
  const std::string pull_url = pull_api_url(snapshot, context);
  out += "{\"id\":";
  append_int(out, review.id);
  string_member(out, "node_id", child_node_id(ChildKind::kReview, review.id));
  user_member(out, snapshot, review);
  member(out, "body");
  append_child_body_json(out, snapshot.seed, ChildKind::kReview, review.id);
  string_member(out, "state", std::string(review_state_name(review.state)));
  string_member(out, "html_url", html);
  string_member(out, "pull_request_url", pull_url);
  out += ",\"_links\":{\"html\":{\"href\":";
  append_json_string(out, html);
  out += "},\"pull_request\":{\"href\":";
  append_json_string(out, pull_url);
  out += "}}";
  member(out, "submitted_at");
  append_json_timestamp(out, review.created_at);
  string_member(out, "commit_id",
                sha_of(mix64(snapshot.seed ^ static_cast<std::uint64_t>(review.id))));
  string_member(out, "author_association",
                std::string(child_author_association(snapshot.seed, review)));
  out += '}';
}

void append_issue_comment_json(std::string& out, const DepthSnapshot& snapshot,
                               const ChildContext& context, const Child& comment) {
  const RepositoryRendering& repo = *snapshot.rendering;
  const std::string id = std::to_string(comment.id);
  out += "{\"url\":";
  append_json_string(out, repo.api_prefix + "/issues/comments/" + id);
  string_member(out, "html_url", pull_html_url(snapshot, context) + "#issuecomment-" + id);
  string_member(out, "issue_url",
                repo.api_prefix + "/issues/" + std::to_string(context.pull.number));
  member(out, "id");
  append_int(out, comment.id);
  string_member(out, "node_id", child_node_id(ChildKind::kIssueComment, comment.id));
  user_member(out, snapshot, comment);
  member(out, "created_at");
  append_json_timestamp(out, comment.created_at);
  member(out, "updated_at");
  append_json_timestamp(out, comment.updated_at);
  string_member(out, "author_association",
                std::string(child_author_association(snapshot.seed, comment)));
  member(out, "body");
  append_child_body_json(out, snapshot.seed, ChildKind::kIssueComment, comment.id);
  out += ",\"performed_via_github_app\":null}";
}

}  // namespace fake_github
