// parse_pull_page: keeps ~15 fields of each "Pull Request Simple" and skips
// the rest (mostly the head/base repository objects) without decoding it.
#include <stdexcept>

#include "backfill/github/pull_request.hpp"
#include "github/json_scanner.hpp"

namespace backfill::github {
namespace {

using json::Scanner;

void read_optional_string(Scanner& in, std::optional<std::string>& out) {
  if (in.consume_null()) {
    out.reset();
    return;
  }
  out.emplace();
  in.read_string(*out);
}

std::optional<Contributor> read_user(Scanner& in, int depth) {
  if (in.consume_null()) return std::nullopt;  // deleted ("ghost") account
  Contributor user;
  in.for_each_member(
      [&](std::string_view key) {
        if (key == "id") user.github_id = in.consume_null() ? 0 : in.read_int64();
        else if (key == "login") in.read_string(user.login);
        else if (key == "avatar_url") in.read_string(user.avatar_url);
        else if (key == "type") in.read_string(user.type);
        else in.skip_value(depth + 1);
      },
      depth);
  return user;
}

// head / base: only the branch name; `repo` is the bulk of the page.
void read_branch_ref(Scanner& in, std::string& ref, int depth) {
  if (in.consume_null()) return;
  in.for_each_member(
      [&](std::string_view key) {
        if (key == "ref") in.read_string(ref);
        else in.skip_value(depth + 1);
      },
      depth);
}

PullRequest read_pull(Scanner& in) {
  constexpr int kDepth = 2;  // page array = 1, pull object = 2
  if (in.peek() != '{') in.fail("pull request item is not an object");
  PullRequest pr;
  bool has_id = false;
  bool has_number = false;
  in.for_each_member(
      [&](std::string_view key) {
        // Ordered by how GitHub orders them, for fewer comparisons.
        if (key == "id") {
          if (in.consume_null()) in.fail("pull request id is null");
          pr.github_id = in.read_int64();
          has_id = true;
        } else if (key == "html_url") {
          in.read_string(pr.html_url);
        } else if (key == "number") {
          if (in.consume_null()) in.fail("pull request number is null");
          pr.number = in.read_int64();
          has_number = true;
        } else if (key == "state") {
          in.read_string(pr.state);
        } else if (key == "title") {
          in.read_string(pr.title);
        } else if (key == "user") {
          pr.author = read_user(in, kDepth + 1);
        } else if (key == "body") {
          read_optional_string(in, pr.body);
        } else if (key == "created_at") {
          in.read_string(pr.created_at);
        } else if (key == "updated_at") {
          in.read_string(pr.updated_at);
        } else if (key == "closed_at") {
          read_optional_string(in, pr.closed_at);
        } else if (key == "merged_at") {
          read_optional_string(in, pr.merged_at);
        } else if (key == "merge_commit_sha") {
          read_optional_string(in, pr.merge_commit_sha);
        } else if (key == "head") {
          read_branch_ref(in, pr.head_ref, kDepth + 1);
        } else if (key == "base") {
          read_branch_ref(in, pr.base_ref, kDepth + 1);
        } else if (key == "draft") {
          pr.draft = in.read_bool_or_null();
        } else {
          in.skip_value(kDepth + 1);
        }
      },
      kDepth);
  if (!has_id) in.fail("pull request item without an id");
  if (!has_number) in.fail("pull request item without a number");
  return pr;
}

}  // namespace

std::vector<PullRequest> parse_pull_page(std::string_view json_text) {
  return json::parse_array_page<PullRequest>(json_text, "pulls", read_pull);
}

}  // namespace backfill::github
