// parse_review_comment_page: keeps what the comments table holds of each
// review comment and skips the rest (diff_hunk, _links, reactions ...)
// without decoding it, as parse_pull_page does.
#include "backfill/github/review_comment_parser.hpp"

#include <charconv>
#include <string>

#include "github/json_scanner.hpp"

namespace backfill::github {
namespace {

using json::Scanner;

constexpr int kItemDepth = 2;  // page array = 1, comment object = 2

std::optional<std::string> read_optional_string(Scanner& in) {
  if (in.consume_null()) return std::nullopt;
  std::string out;
  in.read_string(out);
  return out;
}

std::optional<std::int64_t> read_optional_int(Scanner& in) {
  if (in.consume_null()) return std::nullopt;
  return in.read_int64();
}

std::optional<Contributor> read_user(Scanner& in) {
  if (in.consume_null()) return std::nullopt;  // deleted ("ghost") account
  Contributor user;
  in.for_each_member(
      [&](std::string_view key) {
        if (key == "id") user.github_id = in.consume_null() ? 0 : in.read_int64();
        else if (key == "login") in.read_string(user.login);
        else if (key == "avatar_url") in.read_string(user.avatar_url);
        else if (key == "type") in.read_string(user.type);
        else in.skip_value(kItemDepth + 2);
      },
      kItemDepth + 1);
  return user;
}

RepositoryComment read_comment(Scanner& in) {
  if (in.peek() != '{') in.fail("review comment item is not an object");
  RepositoryComment item;
  Comment& c = item.comment;
  c.kind = CommentKind::kReview;
  bool has_id = false;
  std::string pull_url;
  in.for_each_member(
      [&](std::string_view key) {
        if (key == "id") {
          if (in.consume_null()) in.fail("review comment id is null");
          c.github_id = in.read_int64();
          has_id = true;
        } else if (key == "pull_request_review_id") {
          c.review_github_id = read_optional_int(in);
        } else if (key == "in_reply_to_id") {
          c.in_reply_to_github_id = read_optional_int(in);
        } else if (key == "path") {
          c.path = read_optional_string(in);
        } else if (key == "line") {
          c.line = read_optional_int(in);  // null: outdated
        } else if (key == "user") {
          c.author = read_user(in);
        } else if (key == "body") {
          c.body = read_optional_string(in);
        } else if (key == "created_at") {
          in.read_string(c.created_at);
        } else if (key == "updated_at") {
          in.read_string(c.updated_at);
        } else if (key == "pull_request_url") {
          in.read_string(pull_url);
        } else {
          in.skip_value(kItemDepth + 1);
        }
      },
      kItemDepth);
  if (!has_id) in.fail("review comment item without an id");
  const auto number = pull_number_of_url(pull_url);
  if (!number) in.fail("review comment without a pull_request_url ending in /pulls/{number}");
  item.pull_number = *number;
  return item;
}

}  // namespace

std::optional<std::int64_t> pull_number_of_url(std::string_view url) {
  constexpr std::string_view kMarker = "/pulls/";
  const auto at = url.rfind(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view digits = url.substr(at + kMarker.size());
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size() || number <= 0) {
    return std::nullopt;
  }
  return number;
}

std::vector<RepositoryComment> parse_review_comment_page(std::string_view json_text) {
  return json::parse_array_page<RepositoryComment>(json_text, "review comments", read_comment);
}

}  // namespace backfill::github
